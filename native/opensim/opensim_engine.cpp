// The OpenSim engine: any .osim model loaded by OpenSim 4.3+, one SimTK::State per arm. Each muscle is one
// excitation, held over the control step (HeldExcitationController) while OpenSim's Runge-Kutta-Merson integrator
// (Simbody's, as OpenSim's ForwardTool uses) advances the state at the requested accuracy. A reset reads coordinate
// values, speeds and activations and equilibrates the muscles (Model::equilibrateMuscles), as OpenSim does.
//
// The channels are the managed engine's (src/ArmRnn.OpenSim): coordinate values and speeds, every marker's location,
// and per muscle activation and fiber length (OpenSim's states) then fiber velocity, length, lengthening speed,
// tendon force and passive fiber force, named by OpenSim's state paths and outputs.
//
// Built and tested against OpenSim 4.3 (docs/native.md); OpenSim's log is set to errors only.
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <OpenSim/Actuators/RegisterTypes_osimActuators.h>
#include <OpenSim/Common/Logger.h>
#include <OpenSim/Simulation/Model/Model.h>
#include <OpenSim/Simulation/Model/Muscle.h>
#include <OpenSim/Simulation/SimbodyEngine/Coordinate.h>
#include <SimTKmath.h>  // SimTK::RungeKuttaMersonIntegrator, SimTK::TimeStepper

#include "../include/armrnn_plant.h"
#include "../src/engine.h"
#include "held_excitation_controller.h"

namespace armrnn {
namespace {

enum class Quantity {
    CoordinateValue, CoordinateSpeed, MarkerLocation,
    Activation, FiberLength, FiberVelocity, Length, LengtheningSpeed, TendonForce, PassiveFiberForce
};

struct Source {
    Quantity quantity;
    int index;  // coordinate, marker or muscle index
    int axis;   // marker axis
};

struct Arm {
    SimTK::State state;
    std::unique_ptr<SimTK::RungeKuttaMersonIntegrator> integrator;
    std::unique_ptr<SimTK::TimeStepper> stepper;
};

std::string number(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

class OpenSimEngine final : public Engine {
public:
    explicit OpenSimEngine(const OpenOptions& options) : options_(options) {
        {
            // Model loading touches OpenSim's process-wide registries and logger: one model at a time.
            static std::mutex load_mutex;
            std::lock_guard<std::mutex> lock(load_mutex);
            static std::once_flag initialized;
            std::call_once(initialized, [] {
                // Errors only: loading a model warns about every visualization mesh it cannot find, which a
                // simulation does not need (failures reach the caller as status codes and messages anyway).
                OpenSim::Logger::setLevel(OpenSim::Logger::Level::Error);
                // The muscle and actuator classes a .osim file names (Thelen2003Muscle, ...). osimActuators registers
                // them when it is loaded; calling this also keeps a linker with --as-needed from dropping it.
                ::RegisterTypes_osimActuators();
            });
            try {
                model_ = std::make_unique<OpenSim::Model>(options.model_path);
                controller_ = new HeldExcitationController();
                controller_->setName("armrnn_held_excitations");
                model_->addController(controller_);  // the model owns it
                default_state_ = model_->initSystem();
            } catch (const std::exception& error) {
                throw Error(ARMRNN_ERROR_MODEL, options.model_path + ": OpenSim could not load the model: " + error.what());
            }
        }
        if (model_->getMuscles().getSize() == 0) {
            throw Error(ARMRNN_ERROR_MODEL, options.model_path + ": the model has no muscles to excite");
        }
        describe();
        try {
            default_state_.setTime(0);
            set_excitations(default_state_, nullptr);
            model_->equilibrateMuscles(default_state_);
        } catch (const std::exception& error) {
            throw Error(ARMRNN_ERROR_MODEL, options.model_path + ": the muscles cannot be equilibrated in the default pose: " + error.what());
        }
    }

    const std::vector<std::string>& excitation_names() const override { return excitation_names_; }

    const std::vector<ChannelInfo>& channels() const override { return channels_; }

    void default_state(double* outputs) override { write_outputs(default_state_, outputs); }

    void resize(int batch) override {
        arms_.resize(static_cast<std::size_t>(batch));
        for (auto& arm : arms_) {
            if (!arm.integrator) {
                arm.integrator = std::make_unique<SimTK::RungeKuttaMersonIntegrator>(model_->getMultibodySystem());
                arm.integrator->setAccuracy(options_.accuracy);
                // Land exactly on the end of each control step instead of stepping past it and interpolating back.
                arm.integrator->setAllowInterpolation(false);
                if (options_.integration_step > 0) {
                    arm.integrator->setMaximumStepSize(options_.integration_step);
                }
                arm.stepper = std::make_unique<SimTK::TimeStepper>(model_->getMultibodySystem(), *arm.integrator);
            }
        }
    }

    void reset_arm(int arm_index, const double* requested, double* outputs) override {
        auto& arm = arms_[static_cast<std::size_t>(arm_index)];
        arm.state = default_state_;
        if (requested != nullptr) {
            const auto& coordinates = model_->getCoordinateSet();
            const auto& muscles = model_->getMuscles();
            for (std::size_t c = 0; c < channels_.size(); c++) {
                if ((channels_[c].flags & ARMRNN_CHANNEL_RESET_INPUT) == 0) {
                    continue;
                }
                const double value = requested[c];
                const auto& source = sources_[c];
                const bool is_activation = source.quantity == Quantity::Activation;
                if (!std::isfinite(value) || (is_activation && (value < 0 || value > 1))) {
                    throw Error(ARMRNN_ERROR_INVALID_ARGUMENT, "requested channel '" + channels_[c].name + "' is " +
                                                                   number(value) + "; it must be finite" +
                                                                   (is_activation ? " and in [0, 1]" : ""));
                }
                switch (source.quantity) {
                    case Quantity::CoordinateValue: coordinates[source.index].setValue(arm.state, value, false); break;
                    case Quantity::CoordinateSpeed: coordinates[source.index].setSpeedValue(arm.state, value); break;
                    case Quantity::Activation: muscles[source.index].setActivation(arm.state, value); break;
                    default: break;
                }
            }
        }
        try {
            arm.state.setTime(0);
            set_excitations(arm.state, nullptr);
            model_->equilibrateMuscles(arm.state);
        } catch (const std::exception& error) {
            throw Error(ARMRNN_ERROR_SIMULATION, std::string("equilibrating the muscles failed: ") + error.what());
        }
        write_outputs(arm.state, outputs);
    }

    void step_arm(int arm_index, const double* excitations, double* outputs) override {
        auto& arm = arms_[static_cast<std::size_t>(arm_index)];
        try {
            set_excitations(arm.state, excitations);
            // The excitations changed discontinuously: restart the integrator from this state.
            arm.stepper->initialize(arm.state);
            const double end = arm.state.getTime() + options_.control_step;
            const auto status = arm.stepper->stepTo(end);
            if (status == SimTK::Integrator::EndOfSimulation ||
                std::fabs(arm.integrator->getTime() - end) > 1e-9 * std::fmax(1.0, end)) {
                throw Error(ARMRNN_ERROR_SIMULATION, "the integrator stopped at t = " + number(arm.integrator->getTime()) +
                                                         " s before reaching " + number(end) + " s");
            }
            arm.state = arm.integrator->getState();
        } catch (const Error&) {
            throw;
        } catch (const std::exception& error) {
            throw Error(ARMRNN_ERROR_SIMULATION, std::string("OpenSim: ") + error.what());
        }
        write_outputs(arm.state, outputs);
        for (std::size_t c = 0; c < channels_.size(); c++) {
            if (!std::isfinite(outputs[c])) {
                throw Error(ARMRNN_ERROR_SIMULATION, "channel '" + channels_[c].name + "' is not finite");
            }
        }
    }

private:
    void set_excitations(SimTK::State& state, const double* excitations) const {
        for (std::size_t k = 0; k < excitation_names_.size(); k++) {
            controller_->setExcitation(state, static_cast<int>(k), excitations == nullptr ? 0.0 : excitations[k]);
        }
    }

    void add(ChannelInfo channel, Source source) {
        channels_.push_back(std::move(channel));
        sources_.push_back(source);
    }

    void describe() {
        const int state = ARMRNN_CHANNEL_STATE | ARMRNN_CHANNEL_RESET_INPUT;
        const auto& coordinates = model_->getCoordinateSet();
        for (int j = 0; j < coordinates.getSize(); j++) {
            const auto& coordinate = coordinates[j];
            const bool rotational = coordinate.getMotionType() == OpenSim::Coordinate::Rotational;
            ChannelInfo channel{coordinate.getAbsolutePathString() + "/value", rotational ? "rad" : "m", "joint_angle",
                                coordinate.getName(), state, coordinate.getRangeMin(), coordinate.getRangeMax()};
            add(channel, {Quantity::CoordinateValue, j, 0});
        }
        for (int j = 0; j < coordinates.getSize(); j++) {
            const auto& coordinate = coordinates[j];
            const bool rotational = coordinate.getMotionType() == OpenSim::Coordinate::Rotational;
            add({coordinate.getAbsolutePathString() + "/speed", rotational ? "rad/s" : "m/s", "joint_speed", coordinate.getName(), state},
                {Quantity::CoordinateSpeed, j, 0});
        }
        const auto& markers = model_->getMarkerSet();
        static const char* const axes[3] = {"x", "y", "z"};
        for (int i = 0; i < markers.getSize(); i++) {
            for (int axis = 0; axis < 3; axis++) {
                add({markers[i].getAbsolutePathString() + "|location_" + axes[axis], "m", "hand_position", markers[i].getName()},
                    {Quantity::MarkerLocation, i, axis});
            }
        }
        const auto& muscles = model_->getMuscles();
        struct MuscleChannel {
            const char* name;
            const char* unit;
            const char* group;
            bool is_state;
            Quantity quantity;
        };
        static const MuscleChannel muscle_channels[] = {
            {"activation", "1", "activation", true, Quantity::Activation},
            {"fiber_length", "m", "fiber_length", true, Quantity::FiberLength},
            {"fiber_velocity", "m/s", "fiber_velocity", false, Quantity::FiberVelocity},
            {"length", "m", "muscle_tendon_length", false, Quantity::Length},
            {"lengthening_speed", "m/s", "lengthening_speed", false, Quantity::LengtheningSpeed},
            {"tendon_force", "N", "tendon_force", false, Quantity::TendonForce},
            {"passive_fiber_force", "N", "passive_fiber_force", false, Quantity::PassiveFiberForce},
        };
        for (int k = 0; k < muscles.getSize(); k++) {
            const auto& muscle = muscles[k];
            excitation_names_.push_back(muscle.getName());
            for (const auto& m : muscle_channels) {
                ChannelInfo channel;
                channel.name = muscle.getAbsolutePathString() + (m.is_state ? "/" : "|") + m.name;
                channel.unit = m.unit;
                channel.group = m.group;
                channel.element = muscle.getName();
                if (m.quantity == Quantity::Activation) {
                    channel.flags = state;
                    channel.range_min = 0;
                    channel.range_max = 1;
                } else if (m.quantity == Quantity::FiberLength) {
                    channel.flags = ARMRNN_CHANNEL_STATE;  // equilibrated at reset, not read
                }
                add(channel, {m.quantity, k, 0});
            }
        }
    }

    void write_outputs(const SimTK::State& state, double* outputs) const {
        model_->realizeDynamics(state);
        const auto& coordinates = model_->getCoordinateSet();
        const auto& markers = model_->getMarkerSet();
        const auto& muscles = model_->getMuscles();
        for (std::size_t c = 0; c < sources_.size(); c++) {
            const auto& s = sources_[c];
            switch (s.quantity) {
                case Quantity::CoordinateValue: outputs[c] = coordinates[s.index].getValue(state); break;
                case Quantity::CoordinateSpeed: outputs[c] = coordinates[s.index].getSpeedValue(state); break;
                case Quantity::MarkerLocation: outputs[c] = markers[s.index].getLocationInGround(state)[s.axis]; break;
                case Quantity::Activation: outputs[c] = muscles[s.index].getActivation(state); break;
                case Quantity::FiberLength: outputs[c] = muscles[s.index].getFiberLength(state); break;
                case Quantity::FiberVelocity: outputs[c] = muscles[s.index].getFiberVelocity(state); break;
                case Quantity::Length: outputs[c] = muscles[s.index].getLength(state); break;
                case Quantity::LengtheningSpeed: outputs[c] = muscles[s.index].getLengtheningSpeed(state); break;
                case Quantity::TendonForce: outputs[c] = muscles[s.index].getTendonForce(state); break;
                case Quantity::PassiveFiberForce: outputs[c] = muscles[s.index].getPassiveFiberForce(state); break;
            }
        }
    }

    OpenOptions options_;
    std::unique_ptr<OpenSim::Model> model_;
    HeldExcitationController* controller_ = nullptr;  // owned by model_
    SimTK::State default_state_;
    std::vector<Arm> arms_;
    std::vector<std::string> excitation_names_;
    std::vector<ChannelInfo> channels_;
    std::vector<Source> sources_;
};

}  // namespace

std::unique_ptr<Engine> create_opensim_engine(const OpenOptions& options) {
    return std::make_unique<OpenSimEngine>(options);
}

}  // namespace armrnn
