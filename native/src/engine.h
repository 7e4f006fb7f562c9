// The engine interface behind the C ABI: one model, a batch of arms, each advanced by one control step at a time.
// Engines report failures by throwing armrnn::Error; the ABI layer (armrnn_plant.cpp) turns every exception into a
// status code and a thread-local message.
#ifndef ARMRNN_ENGINE_H
#define ARMRNN_ENGINE_H

#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace armrnn {

// A failure with one of the ARMRNN_ERROR_* status codes.
class Error : public std::runtime_error {
public:
    Error(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const noexcept { return status_; }

private:
    int status_;
};

// One output channel (see armrnn_plant_channel and armrnn_plant_channel_flags).
struct ChannelInfo {
    std::string name;
    std::string unit;
    std::string group;
    std::string element;
    int flags = 0;
    double range_min = std::numeric_limits<double>::quiet_NaN();
    double range_max = std::numeric_limits<double>::quiet_NaN();
};

// What armrnn_plant_open was given.
struct OpenOptions {
    std::string model_path;
    double accuracy = 1e-5;
    double control_step = 0.01;
    double integration_step = 0.0;
};

class Engine {
public:
    virtual ~Engine() = default;

    // The excitations in input order (also the order of step_arm's excitations).
    virtual const std::vector<std::string>& excitation_names() const = 0;

    // The output channels in state-vector order.
    virtual const std::vector<ChannelInfo>& channels() const = 0;

    // Writes the model's default, consistent state (one arm) into outputs.
    virtual void default_state(double* outputs) = 0;

    // Discards every arm and makes room for `batch` arms.
    virtual void resize(int batch) = 0;

    // Starts arm `arm` at time 0 from the reset-input channels of `requested` (or from the default state when
    // null), makes the rest consistent and writes the complete state into outputs.
    virtual void reset_arm(int arm, const double* requested, double* outputs) = 0;

    // Advances arm `arm` by one control step with `excitations` (each in [0, 1]) held; writes its new state.
    virtual void step_arm(int arm, const double* excitations, double* outputs) = 0;
};

// Factories of the engines this library was built with; each throws Error(ARMRNN_ERROR_MODEL, ...) when the model
// cannot be opened.
#if defined(ARMRNN_HAVE_MUJOCO)
std::unique_ptr<Engine> create_mujoco_engine(const OpenOptions& options);
#endif
#if defined(ARMRNN_HAVE_OPENSIM)
std::unique_ptr<Engine> create_opensim_engine(const OpenOptions& options);
#endif

}  // namespace armrnn

#endif  // ARMRNN_ENGINE_H
