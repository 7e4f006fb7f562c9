// The object behind an armrnn_plant handle: an engine plus the batch bookkeeping every engine shares (argument
// checks, the state buffer, simulated time, the failed-step guard).
#ifndef ARMRNN_PLANT_OBJECT_H
#define ARMRNN_PLANT_OBJECT_H

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine.h"

namespace armrnn {

class Plant {
public:
    Plant(const std::string& engine_name, const OpenOptions& options);

    double control_step() const noexcept { return control_step_; }
    const std::vector<std::string>& excitation_names() const { return engine_->excitation_names(); }
    const std::vector<ChannelInfo>& channels() const { return engine_->channels(); }
    int batch_size() const noexcept { return batch_; }
    double time() const noexcept { return static_cast<double>(steps_) * control_step_; }

    void default_state(double* state, std::int64_t length);
    void reset(int batch, const double* requested, std::int64_t requested_length, double* initial,
               std::int64_t initial_length);
    void step(const double* excitations, std::int64_t excitation_length, double* states, std::int64_t states_length);
    void read_states(double* states, std::int64_t length) const;

private:
    std::int64_t state_length(int batch) const;

    std::unique_ptr<Engine> engine_;
    double control_step_;
    int batch_ = 0;
    std::int64_t steps_ = 0;
    bool failed_ = false;
    std::vector<double> states_;
};

// Whether this library was built with the named engine.
bool engine_available(const std::string& engine_name);

}  // namespace armrnn

#endif  // ARMRNN_PLANT_OBJECT_H
