// The MuJoCo engine: an MJCF model loaded with MuJoCo 2.2, one mjData per arm. Each actuator is one excitation
// (mapped onto its control range), held over the control step while mj_step advances the model by its timestep; the
// state reported is the model's joint angles and speeds, actuator activations, actuator forces and lengths, tendon
// lengths and site positions, recomputed (mj_forward) at the end of each control step.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <mujoco/mujoco.h>

#include "../include/armrnn_plant.h"
#include "../src/engine.h"
#include "mujoco_guard.h"

namespace armrnn {
namespace {

// Where each output channel comes from in mjData.
enum class Field { Qpos, Qvel, Act, ActuatorForce, ActuatorLength, TendonLength, SiteXpos };

struct Source {
    Field field;
    int index;              // flat index into the mjData array
    bool enforce_range;     // reset rejects requested values outside [range_min, range_max]
};

struct ModelDeleter {
    void operator()(mjModel* model) const { mj_deleteModel(model); }
};

struct DataDeleter {
    void operator()(mjData* data) const { mj_deleteData(data); }
};

using ModelPtr = std::unique_ptr<mjModel, ModelDeleter>;
using DataPtr = std::unique_ptr<mjData, DataDeleter>;

std::string number(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

std::string name_of(const mjModel* model, int type, int id, const char* fallback) {
    const char* name = mj_id2name(model, type, id);
    return name != nullptr && name[0] != '\0' ? std::string(name) : std::string(fallback) + std::to_string(id);
}

// Contexts of the guarded MuJoCo calls (plain structs: a longjmp may skip their scope).
struct LoadCall {
    const char* path;
    char* error;
    int error_size;
    mjModel* model;
};

struct MakeDataCall {
    const mjModel* model;
    mjData* data;
};

struct ForwardCall {
    const mjModel* model;
    mjData* data;
};

struct StepCall {
    const mjModel* model;
    mjData* data;
    int substeps;
};

void load(void* context) {
    auto* call = static_cast<LoadCall*>(context);
    call->model = mj_loadXML(call->path, nullptr, call->error, call->error_size);
}

void make_data(void* context) {
    auto* call = static_cast<MakeDataCall*>(context);
    call->data = mj_makeData(call->model);
}

void reset_and_forward(void* context) {
    auto* call = static_cast<ForwardCall*>(context);
    mj_resetData(call->model, call->data);
    mj_forward(call->model, call->data);
}

void forward(void* context) {
    auto* call = static_cast<ForwardCall*>(context);
    mj_forward(call->model, call->data);
}

void step(void* context) {
    auto* call = static_cast<StepCall*>(context);
    for (int k = 0; k < call->substeps; k++) {
        mj_step(call->model, call->data);
    }
    // mj_step leaves the derived quantities (positions, lengths, forces) at the start of its last step; recompute
    // them for the state reached.
    mj_forward(call->model, call->data);
}

class MujocoEngine final : public Engine {
public:
    explicit MujocoEngine(const OpenOptions& options) {
        mujoco::install_handlers();
        model_ = load_model(options.model_path);
        if (options.integration_step > 0) {
            model_->opt.timestep = options.integration_step;
        }
        const double timestep = model_->opt.timestep;
        const double ratio = options.control_step / timestep;
        substeps_ = static_cast<int>(std::lround(ratio));
        if (substeps_ < 1 || std::fabs(ratio - substeps_) > 1e-9 * std::fmax(1.0, ratio)) {
            throw Error(ARMRNN_ERROR_INVALID_ARGUMENT,
                        options.model_path + ": the control step (" + number(options.control_step) +
                            " s) must be a whole multiple of MuJoCo's timestep (" + number(timestep) +
                            " s); choose another control step or integration step");
        }
        if (model_->nu == 0) {
            throw Error(ARMRNN_ERROR_MODEL, options.model_path + ": the model has no actuators to excite");
        }
        describe();
        scratch_ = make_arm_data();
    }

    const std::vector<std::string>& excitation_names() const override { return excitation_names_; }

    const std::vector<ChannelInfo>& channels() const override { return channels_; }

    void default_state(double* outputs) override {
        ForwardCall call{model_.get(), scratch_.get()};
        mujoco::call(reset_and_forward, &call, ARMRNN_ERROR_SIMULATION, "default state");
        write_outputs(scratch_.get(), outputs);
    }

    void resize(int batch) override {
        while (static_cast<int>(arms_.size()) < batch) {
            arms_.push_back(make_arm_data());
        }
        arms_.resize(static_cast<std::size_t>(batch));
    }

    void reset_arm(int arm, const double* requested, double* outputs) override {
        mjData* data = arms_[static_cast<std::size_t>(arm)].get();
        mj_resetData(model_.get(), data);
        if (requested != nullptr) {
            for (std::size_t c = 0; c < channels_.size(); c++) {
                const auto& channel = channels_[c];
                if ((channel.flags & ARMRNN_CHANNEL_RESET_INPUT) == 0) {
                    continue;
                }
                const double value = requested[c];
                const auto& source = sources_[c];
                if (!std::isfinite(value) ||
                    (source.enforce_range && (value < channel.range_min || value > channel.range_max))) {
                    throw Error(ARMRNN_ERROR_INVALID_ARGUMENT,
                                "requested channel '" + channel.name + "' is " + number(value) + "; it must be finite" +
                                    (source.enforce_range ? " and in [" + number(channel.range_min) + ", " +
                                                                number(channel.range_max) + "]"
                                                          : std::string()));
                }
                array_of(data, source.field)[source.index] = value;
            }
        }
        ForwardCall call{model_.get(), data};
        mujoco::call(forward, &call, ARMRNN_ERROR_SIMULATION, "mj_forward");
        check(data, "reset");
        write_outputs(data, outputs);
    }

    void step_arm(int arm, const double* excitations, double* outputs) override {
        mjData* data = arms_[static_cast<std::size_t>(arm)].get();
        for (int i = 0; i < model_->nu; i++) {
            const double* range = model_->actuator_ctrlrange + 2 * i;
            data->ctrl[i] = model_->actuator_ctrllimited[i] ? range[0] + excitations[i] * (range[1] - range[0])
                                                            : excitations[i];
        }
        StepCall call{model_.get(), data, substeps_};
        try {
            mujoco::call(step, &call, ARMRNN_ERROR_SIMULATION, "mj_step");
        } catch (const Error&) {
            data->pstack = 0;  // the longjmp skipped MuJoCo's stack release; the arm must be reset anyway
            throw;
        }
        check(data, "step");
        write_outputs(data, outputs);
    }

private:
    static ModelPtr load_model(const std::string& path) {
        if (!std::ifstream(path).good()) {
            throw Error(ARMRNN_ERROR_MODEL, "no readable model file '" + path + "'");
        }
        char error[1000] = "";
        LoadCall call{path.c_str(), error, static_cast<int>(sizeof error), nullptr};
        {
            // MuJoCo 2.2's XML compiler keeps a process-wide model for mj_saveLastXML: load one model at a time.
            static std::mutex load_mutex;
            std::lock_guard<std::mutex> lock(load_mutex);
            mujoco::call(load, &call, ARMRNN_ERROR_MODEL, path.c_str());
        }
        if (call.model == nullptr) {
            throw Error(ARMRNN_ERROR_MODEL, path + ": MuJoCo could not load the model: " + error);
        }
        return ModelPtr(call.model);
    }

    DataPtr make_arm_data() const {
        MakeDataCall call{model_.get(), nullptr};
        mujoco::call(make_data, &call, ARMRNN_ERROR_INTERNAL, "mj_makeData");
        if (call.data == nullptr) {
            throw Error(ARMRNN_ERROR_INTERNAL, "mj_makeData failed (out of memory?)");
        }
        return DataPtr(call.data);
    }

    void add(ChannelInfo channel, Source source) {
        channels_.push_back(std::move(channel));
        sources_.push_back(source);
    }

    // Builds the excitation names, the channels and where each channel comes from.
    void describe() {
        const mjModel* m = model_.get();
        for (int i = 0; i < m->nu; i++) {
            excitation_names_.push_back(name_of(m, mjOBJ_ACTUATOR, i, "actuator"));
        }

        struct JointChannels {
            int joint;
            int qpos_count;
            int qvel_count;
        };
        std::vector<JointChannels> joints;
        for (int j = 0; j < m->njnt; j++) {
            switch (m->jnt_type[j]) {
                case mjJNT_FREE: joints.push_back({j, 7, 6}); break;
                case mjJNT_BALL: joints.push_back({j, 4, 3}); break;
                default: joints.push_back({j, 1, 1}); break;
            }
        }

        const int state = ARMRNN_CHANNEL_STATE | ARMRNN_CHANNEL_RESET_INPUT;
        for (const auto& joint : joints) {
            const auto name = name_of(m, mjOBJ_JOINT, joint.joint, "joint");
            const int type = m->jnt_type[joint.joint];
            for (int k = 0; k < joint.qpos_count; k++) {
                ChannelInfo channel;
                channel.name = "qpos/" + name + (joint.qpos_count > 1 ? "/" + std::to_string(k) : std::string());
                channel.unit = type == mjJNT_HINGE ? "rad" : type == mjJNT_SLIDE ? "m" : (k < 3 && type == mjJNT_FREE ? "m" : "1");
                channel.group = "joint_angle";
                channel.element = name;
                channel.flags = state;
                if ((type == mjJNT_HINGE || type == mjJNT_SLIDE) && m->jnt_limited[joint.joint]) {
                    channel.range_min = m->jnt_range[2 * joint.joint];
                    channel.range_max = m->jnt_range[2 * joint.joint + 1];
                }
                add(channel, {Field::Qpos, m->jnt_qposadr[joint.joint] + k, false});
            }
        }
        for (const auto& joint : joints) {
            const auto name = name_of(m, mjOBJ_JOINT, joint.joint, "joint");
            const int type = m->jnt_type[joint.joint];
            for (int k = 0; k < joint.qvel_count; k++) {
                ChannelInfo channel;
                channel.name = "qvel/" + name + (joint.qvel_count > 1 ? "/" + std::to_string(k) : std::string());
                channel.unit = type == mjJNT_SLIDE || (type == mjJNT_FREE && k < 3) ? "m/s" : "rad/s";
                channel.group = "joint_speed";
                channel.element = name;
                channel.flags = state;
                add(channel, {Field::Qvel, m->jnt_dofadr[joint.joint] + k, false});
            }
        }
        // MuJoCo 2.2 keeps the activations of the actuators with dynamics, which come last, in act[i - (nu - na)].
        for (int i = m->nu - m->na; i < m->nu; i++) {
            ChannelInfo channel;
            channel.name = "act/" + excitation_names_[static_cast<std::size_t>(i)];
            channel.unit = "1";
            channel.group = "activation";
            channel.element = excitation_names_[static_cast<std::size_t>(i)];
            channel.flags = state;
            bool enforce = false;
            if (m->actuator_dyntype[i] == mjDYN_MUSCLE) {
                channel.range_min = 0;
                channel.range_max = 1;
                enforce = true;
            } else if (m->actuator_actlimited[i]) {
                channel.range_min = m->actuator_actrange[2 * i];
                channel.range_max = m->actuator_actrange[2 * i + 1];
                enforce = true;
            }
            add(channel, {Field::Act, i - (m->nu - m->na), enforce});
        }
        for (int i = 0; i < m->nu; i++) {
            const bool hinge = m->actuator_trntype[i] == mjTRN_JOINT &&
                               m->jnt_type[m->actuator_trnid[2 * i]] == mjJNT_HINGE;
            const auto& name = excitation_names_[static_cast<std::size_t>(i)];
            add({"actuator_force/" + name, hinge ? "N m" : "N", "actuator_force", name}, {Field::ActuatorForce, i, false});
        }
        for (int i = 0; i < m->nu; i++) {
            const bool hinge = m->actuator_trntype[i] == mjTRN_JOINT &&
                               m->jnt_type[m->actuator_trnid[2 * i]] == mjJNT_HINGE;
            const auto& name = excitation_names_[static_cast<std::size_t>(i)];
            add({"actuator_length/" + name, hinge ? "rad" : "m", "actuator_length", name}, {Field::ActuatorLength, i, false});
        }
        for (int t = 0; t < m->ntendon; t++) {
            const auto name = name_of(m, mjOBJ_TENDON, t, "tendon");
            add({"ten_length/" + name, "m", "tendon_length", name}, {Field::TendonLength, t, false});
        }
        static const char* const axes[3] = {"x", "y", "z"};
        for (int s = 0; s < m->nsite; s++) {
            const auto name = name_of(m, mjOBJ_SITE, s, "site");
            for (int k = 0; k < 3; k++) {
                add({"site_xpos/" + name + "/" + axes[k], "m", "site_position", name}, {Field::SiteXpos, 3 * s + k, false});
            }
        }
    }

    static double* array_of(mjData* data, Field field) {
        switch (field) {
            case Field::Qpos: return data->qpos;
            case Field::Qvel: return data->qvel;
            case Field::Act: return data->act;
            case Field::ActuatorForce: return data->actuator_force;
            case Field::ActuatorLength: return data->actuator_length;
            case Field::TendonLength: return data->ten_length;
            case Field::SiteXpos: return data->site_xpos;
        }
        return nullptr;
    }

    void write_outputs(mjData* data, double* outputs) const {
        for (std::size_t c = 0; c < sources_.size(); c++) {
            outputs[c] = array_of(data, sources_[c].field)[sources_[c].index];
        }
    }

    // Fails when MuJoCo flagged an instability (it then silently resets the arm) or dropped constraints.
    void check(mjData* data, const char* what) const {
        static const int fatal[] = {mjWARN_BADQPOS, mjWARN_BADQVEL, mjWARN_BADQACC, mjWARN_CNSTRFULL,
                                    mjWARN_CONTACTFULL};
        for (int warning : fatal) {
            if (data->warning[warning].number > 0) {
                const auto message = mujoco::take_warning();
                throw Error(ARMRNN_ERROR_SIMULATION, std::string(what) + ": MuJoCo warning: " +
                                                         (message.empty() ? "number " + std::to_string(warning) : message));
            }
        }
        for (std::size_t c = 0; c < sources_.size(); c++) {
            const double value = array_of(data, sources_[c].field)[sources_[c].index];
            if (!std::isfinite(value)) {
                throw Error(ARMRNN_ERROR_SIMULATION,
                            std::string(what) + ": channel '" + channels_[c].name + "' is not finite (" + number(value) + ")");
            }
        }
    }

    ModelPtr model_;
    DataPtr scratch_;
    std::vector<DataPtr> arms_;
    int substeps_ = 1;
    std::vector<std::string> excitation_names_;
    std::vector<ChannelInfo> channels_;
    std::vector<Source> sources_;
};

}  // namespace

std::unique_ptr<Engine> create_mujoco_engine(const OpenOptions& options) {
    return std::make_unique<MujocoEngine>(options);
}

}  // namespace armrnn
