using ArmRnn.OpenSim.Engine.Integration;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>What one thread needs to advance arms: the equations, an integrator and a held excitation schedule.</summary>
internal sealed class ArmWorker
{
    public ArmWorker(CompiledArmModel model, OpenSimPlantOptions options)
    {
        Dynamics = new ArmDynamics(model);
        Held = new HeldExcitations(model.MuscleNames.Length);
        Dynamics.Excitations = Held;
        Integrator = options.Integrator == IntegratorKind.FixedStepRungeKutta
            ? new FixedStepRungeKuttaIntegrator(options.FixedStepSize)
            : new RungeKuttaMersonIntegrator(options.Accuracy, options.MinimumStepSize, options.ControlStep);
    }

    public ArmDynamics Dynamics { get; }

    public HeldExcitations Held { get; }

    public IIntegrator Integrator { get; }
}
