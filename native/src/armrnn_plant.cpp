// The C ABI (include/armrnn_plant.h): argument checks, exception-to-status translation and the thread-local last
// error. Every entry point runs its body through guarded(), so no C++ exception crosses the boundary.
#include "armrnn_plant.h"

#include <cmath>
#include <exception>
#include <new>
#include <string>

#include "plant.h"

struct armrnn_plant {
    explicit armrnn_plant(const std::string& engine, const armrnn::OpenOptions& options) : plant(engine, options) {}
    armrnn::Plant plant;
};

namespace {

thread_local std::string t_last_error;

template <typename Body>
int32_t guarded(Body&& body) noexcept {
    try {
        t_last_error.clear();
        body();
        return ARMRNN_OK;
    } catch (const armrnn::Error& error) {
        t_last_error = error.what();
        return error.status();
    } catch (const std::bad_alloc&) {
        t_last_error = "out of memory";
        return ARMRNN_ERROR_INTERNAL;
    } catch (const std::exception& error) {
        t_last_error = std::string("internal error: ") + error.what();
        return ARMRNN_ERROR_INTERNAL;
    } catch (...) {
        t_last_error = "internal error: an unknown exception";
        return ARMRNN_ERROR_INTERNAL;
    }
}

template <typename T>
void require(const T* pointer, const char* what) {
    if (pointer == nullptr) {
        throw armrnn::Error(ARMRNN_ERROR_INVALID_ARGUMENT, std::string(what) + " is null");
    }
}

const armrnn::Plant& plant_of(const armrnn_plant* plant) {
    require(plant, "plant");
    return plant->plant;
}

armrnn::Plant& plant_of(armrnn_plant* plant) {
    require(plant, "plant");
    return plant->plant;
}

void require_index(int32_t index, std::size_t count, const char* what) {
    if (index < 0 || static_cast<std::size_t>(index) >= count) {
        throw armrnn::Error(ARMRNN_ERROR_INVALID_ARGUMENT, std::string(what) + " index " + std::to_string(index) +
                                                               " is outside [0, " + std::to_string(count) + ")");
    }
}

}  // namespace

extern "C" {

ARMRNN_API int32_t armrnn_abi_version(void) { return ARMRNN_ABI_VERSION; }

ARMRNN_API const char* armrnn_last_error(void) { return t_last_error.c_str(); }

ARMRNN_API int32_t armrnn_engine_available(const char* engine, int32_t* available) {
    return guarded([&] {
        require(engine, "engine");
        require(available, "available");
        *available = armrnn::engine_available(engine) ? 1 : 0;
    });
}

ARMRNN_API int32_t armrnn_plant_open(const char* engine, const char* model_path, double accuracy, double control_step,
                                     double integration_step, armrnn_plant** plant) {
    return guarded([&] {
        require(plant, "plant");
        *plant = nullptr;
        require(engine, "engine");
        require(model_path, "model path");
        armrnn::OpenOptions options;
        options.model_path = model_path;
        options.accuracy = accuracy;
        options.control_step = control_step;
        options.integration_step = integration_step;
        *plant = new armrnn_plant(engine, options);
    });
}

ARMRNN_API int32_t armrnn_plant_close(armrnn_plant* plant) {
    return guarded([&] { delete plant; });
}

ARMRNN_API int32_t armrnn_plant_control_step(const armrnn_plant* plant, double* control_step) {
    return guarded([&] {
        require(control_step, "control step");
        *control_step = plant_of(plant).control_step();
    });
}

ARMRNN_API int32_t armrnn_plant_excitation_count(const armrnn_plant* plant, int32_t* count) {
    return guarded([&] {
        require(count, "count");
        *count = static_cast<int32_t>(plant_of(plant).excitation_names().size());
    });
}

ARMRNN_API int32_t armrnn_plant_excitation_name(const armrnn_plant* plant, int32_t index, const char** name) {
    return guarded([&] {
        require(name, "name");
        const auto& names = plant_of(plant).excitation_names();
        require_index(index, names.size(), "excitation");
        *name = names[static_cast<std::size_t>(index)].c_str();
    });
}

ARMRNN_API int32_t armrnn_plant_channel_count(const armrnn_plant* plant, int32_t* count) {
    return guarded([&] {
        require(count, "count");
        *count = static_cast<int32_t>(plant_of(plant).channels().size());
    });
}

ARMRNN_API int32_t armrnn_plant_channel(const armrnn_plant* plant, int32_t index, const char** name, const char** unit,
                                        const char** group, const char** element) {
    return guarded([&] {
        require(name, "name");
        require(unit, "unit");
        require(group, "group");
        require(element, "element");
        const auto& channels = plant_of(plant).channels();
        require_index(index, channels.size(), "channel");
        const auto& channel = channels[static_cast<std::size_t>(index)];
        *name = channel.name.c_str();
        *unit = channel.unit.c_str();
        *group = channel.group.c_str();
        *element = channel.element.c_str();
    });
}

ARMRNN_API int32_t armrnn_plant_channel_flags(const armrnn_plant* plant, int32_t index, int32_t* flags,
                                              double* range_min, double* range_max) {
    return guarded([&] {
        require(flags, "flags");
        require(range_min, "range_min");
        require(range_max, "range_max");
        const auto& channels = plant_of(plant).channels();
        require_index(index, channels.size(), "channel");
        const auto& channel = channels[static_cast<std::size_t>(index)];
        *flags = channel.flags;
        *range_min = channel.range_min;
        *range_max = channel.range_max;
    });
}

ARMRNN_API int32_t armrnn_plant_default_state(const armrnn_plant* plant, double* state, int64_t length) {
    return guarded([&] {
        require(plant, "plant");
        // The engine realises the default state in its own scratch data, hence the non-const access.
        const_cast<armrnn_plant*>(plant)->plant.default_state(state, length);
    });
}

ARMRNN_API int32_t armrnn_plant_reset(armrnn_plant* plant, int32_t batch, const double* requested,
                                      int64_t requested_length, double* initial_states, int64_t initial_length) {
    return guarded([&] { plant_of(plant).reset(batch, requested, requested_length, initial_states, initial_length); });
}

ARMRNN_API int32_t armrnn_plant_step(armrnn_plant* plant, const double* excitations, int64_t excitation_length,
                                     double* states, int64_t states_length) {
    return guarded([&] { plant_of(plant).step(excitations, excitation_length, states, states_length); });
}

ARMRNN_API int32_t armrnn_plant_read_states(const armrnn_plant* plant, double* states, int64_t length) {
    return guarded([&] { plant_of(plant).read_states(states, length); });
}

ARMRNN_API int32_t armrnn_plant_batch_size(const armrnn_plant* plant, int32_t* batch) {
    return guarded([&] {
        require(batch, "batch");
        *batch = plant_of(plant).batch_size();
    });
}

ARMRNN_API int32_t armrnn_plant_time(const armrnn_plant* plant, double* time) {
    return guarded([&] {
        require(time, "time");
        *time = plant_of(plant).time();
    });
}

}  // extern "C"
