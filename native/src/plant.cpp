#include "plant.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "armrnn_plant.h"

namespace armrnn {
namespace {

std::string format_number(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

std::unique_ptr<Engine> create_engine(const std::string& name, const OpenOptions& options) {
#if defined(ARMRNN_HAVE_MUJOCO)
    if (name == "mujoco") {
        return create_mujoco_engine(options);
    }
#endif
#if defined(ARMRNN_HAVE_OPENSIM)
    if (name == "opensim") {
        return create_opensim_engine(options);
    }
#endif
    if (name == "mujoco") {
        throw Error(ARMRNN_ERROR_ENGINE_UNAVAILABLE,
                    "this libarmrnn_plant was built without the MuJoCo engine: install libmujoco-dev "
                    "(apt-get install libmujoco-dev) and rebuild native/ with cmake");
    }
    if (name == "opensim") {
        throw Error(ARMRNN_ERROR_ENGINE_UNAVAILABLE,
                    "this libarmrnn_plant was built without the OpenSim engine: rebuild native/ with cmake "
                    "-DOpenSim_DIR=<OpenSim install>/lib/cmake/OpenSim (OpenSim 4.3 or newer)");
    }
    throw Error(ARMRNN_ERROR_ENGINE_UNAVAILABLE, "unknown engine '" + name + "' (known: 'mujoco', 'opensim')");
}

}  // namespace

bool engine_available(const std::string& engine_name) {
#if defined(ARMRNN_HAVE_MUJOCO)
    if (engine_name == "mujoco") {
        return true;
    }
#endif
#if defined(ARMRNN_HAVE_OPENSIM)
    if (engine_name == "opensim") {
        return true;
    }
#endif
    (void)engine_name;
    return false;
}

Plant::Plant(const std::string& engine_name, const OpenOptions& options) : control_step_(options.control_step) {
    if (!(std::isfinite(options.control_step) && options.control_step > 0)) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT,
                    "control step must be a positive, finite number of seconds; it is " +
                        format_number(options.control_step));
    }
    if (!(std::isfinite(options.integration_step) && options.integration_step >= 0)) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT,
                    "integration step must be 0 (the engine's own) or a positive number of seconds; it is " +
                        format_number(options.integration_step));
    }
    if (!(std::isfinite(options.accuracy) && options.accuracy > 0)) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT,
                    "accuracy must be a positive, finite number; it is " + format_number(options.accuracy));
    }
    engine_ = create_engine(engine_name, options);
}

std::int64_t Plant::state_length(int batch) const {
    return static_cast<std::int64_t>(batch) * static_cast<std::int64_t>(channels().size());
}

void Plant::default_state(double* state, std::int64_t length) {
    if (state == nullptr || length != state_length(1)) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT, "default state: need room for " + std::to_string(state_length(1)) +
                                                       " values (one arm); got " + std::to_string(length));
    }
    engine_->default_state(state);
}

void Plant::reset(int batch, const double* requested, std::int64_t requested_length, double* initial,
                  std::int64_t initial_length) {
    if (batch <= 0) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT, "reset: the batch size must be positive; it is " +
                                                       std::to_string(batch));
    }
    const auto needed = state_length(batch);
    if (requested != nullptr && requested_length != needed) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT,
                    "reset: " + std::to_string(batch) + " arms x " + std::to_string(channels().size()) +
                        " channels need " + std::to_string(needed) + " requested values; got " +
                        std::to_string(requested_length));
    }
    if (initial == nullptr || initial_length != needed) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT, "reset: the initial-state destination must hold " +
                                                       std::to_string(needed) + " values; it holds " +
                                                       std::to_string(initial_length));
    }

    // Whatever happens below, the plant holds no valid batch until the reset has succeeded.
    batch_ = 0;
    steps_ = 0;
    failed_ = false;
    engine_->resize(batch);
    states_.assign(static_cast<std::size_t>(needed), 0.0);
    const auto c = channels().size();
    for (int b = 0; b < batch; b++) {
        const double* arm_requested = requested == nullptr ? nullptr : requested + b * c;
        try {
            engine_->reset_arm(b, arm_requested, states_.data() + b * c);
        } catch (const Error& error) {
            throw Error(error.status(), "reset of arm " + std::to_string(b) + ": " + error.what());
        }
    }
    batch_ = batch;
    std::copy(states_.begin(), states_.end(), initial);
}

void Plant::step(const double* excitations, std::int64_t excitation_length, double* states,
                 std::int64_t states_length) {
    if (batch_ == 0) {
        throw Error(ARMRNN_ERROR_INVALID_STATE, failed_ ? "a previous step failed; reset the plant before stepping it"
                                                        : "reset the plant before stepping it");
    }
    const auto m = static_cast<std::int64_t>(excitation_names().size());
    if (excitations == nullptr || excitation_length != batch_ * m) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT,
                    "step: " + std::to_string(batch_) + " arms x " + std::to_string(m) + " excitations need " +
                        std::to_string(batch_ * m) + " values; got " + std::to_string(excitation_length));
    }
    if (states != nullptr && states_length != state_length(batch_)) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT, "step: the state destination must hold " +
                                                       std::to_string(state_length(batch_)) + " values; it holds " +
                                                       std::to_string(states_length));
    }
    for (std::int64_t i = 0; i < batch_ * m; i++) {
        const double value = excitations[i];
        if (!(value >= 0.0 && value <= 1.0)) {
            throw Error(ARMRNN_ERROR_INVALID_ARGUMENT,
                        "step: the excitation of arm " + std::to_string(i / m) + ", '" +
                            excitation_names()[static_cast<std::size_t>(i % m)] + "', is " + format_number(value) +
                            "; excitations must be finite and in [0, 1]");
        }
    }

    const auto c = channels().size();
    for (int b = 0; b < batch_; b++) {
        try {
            engine_->step_arm(b, excitations + b * m, states_.data() + b * c);
        } catch (const Error& error) {
            const double start = time();
            batch_ = 0;
            failed_ = true;
            throw Error(error.status(), "arm " + std::to_string(b) + " at t = " + format_number(start) + " s: " +
                                            error.what());
        } catch (...) {
            batch_ = 0;
            failed_ = true;
            throw;
        }
    }
    steps_++;
    if (states != nullptr) {
        std::copy(states_.begin(), states_.end(), states);
    }
}

void Plant::read_states(double* states, std::int64_t length) const {
    if ((states == nullptr && length > 0) || length != state_length(batch_)) {
        throw Error(ARMRNN_ERROR_INVALID_ARGUMENT, "read states: the destination must hold " +
                                                       std::to_string(state_length(batch_)) + " values (" +
                                                       std::to_string(batch_) + " arms); it holds " +
                                                       std::to_string(length));
    }
    if (length > 0) {
        std::copy(states_.begin(), states_.begin() + static_cast<std::ptrdiff_t>(length), states);
    }
}

}  // namespace armrnn
