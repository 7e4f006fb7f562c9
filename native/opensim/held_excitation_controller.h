// A controller that holds one excitation per muscle, stored in the SimTK::State as discrete variables, so that every
// arm of a batch (one State each, one Model for all) carries its own excitations and changing them invalidates the
// cached controls. Written against the OpenSim 4.3 C++ API.
#ifndef ARMRNN_HELD_EXCITATION_CONTROLLER_H
#define ARMRNN_HELD_EXCITATION_CONTROLLER_H

#include <string>

#include <OpenSim/Simulation/Control/Controller.h>

namespace armrnn {

class HeldExcitationController : public OpenSim::Controller {
    OpenSim_DECLARE_CONCRETE_OBJECT(HeldExcitationController, OpenSim::Controller)

public:
    HeldExcitationController() = default;

    // Sets the excitation of the model's muscle `index` (in Model::getMuscles() order) in `state`.
    void setExcitation(SimTK::State& state, int index, double excitation) const;

    // Adds each muscle's held excitation to its control.
    void computeControls(const SimTK::State& state, SimTK::Vector& controls) const override;

protected:
    void extendAddToSystem(SimTK::MultibodySystem& system) const override;

private:
    static std::string variable_name(int index);
};

}  // namespace armrnn

#endif  // ARMRNN_HELD_EXCITATION_CONTROLLER_H
