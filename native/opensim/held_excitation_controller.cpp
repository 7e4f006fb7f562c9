#include "held_excitation_controller.h"

#include <OpenSim/Simulation/Model/Model.h>
#include <OpenSim/Simulation/Model/Muscle.h>

namespace armrnn {

std::string HeldExcitationController::variable_name(int index) { return "excitation_" + std::to_string(index); }

void HeldExcitationController::extendAddToSystem(SimTK::MultibodySystem& system) const {
    Super::extendAddToSystem(system);
    const auto& muscles = getModel().getMuscles();
    for (int k = 0; k < muscles.getSize(); k++) {
        // Changing an excitation invalidates the Velocity stage, on which the model's cached controls depend.
        addDiscreteVariable(variable_name(k), SimTK::Stage::Velocity);
    }
}

void HeldExcitationController::setExcitation(SimTK::State& state, int index, double excitation) const {
    setDiscreteVariableValue(state, variable_name(index), excitation);
}

void HeldExcitationController::computeControls(const SimTK::State& state, SimTK::Vector& controls) const {
    const auto& muscles = getModel().getMuscles();
    for (int k = 0; k < muscles.getSize(); k++) {
        const SimTK::Vector control(1, getDiscreteVariableValue(state, variable_name(k)));
        muscles[k].addInControls(control, controls);
    }
}

}  // namespace armrnn
