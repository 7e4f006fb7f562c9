namespace ArmRnn.OpenSim.Simulation;

/// <summary>How the managed engine integrates within a control step.</summary>
public enum IntegratorKind
{
    /// <summary>Error-controlled Runge-Kutta-Merson at <see cref="OpenSimPlantOptions.Accuracy"/> (OpenSim's default).</summary>
    RungeKuttaMerson,

    /// <summary>Classical Runge-Kutta with a fixed step of at most <see cref="OpenSimPlantOptions.FixedStepSize"/>
    /// (faster, no error control).</summary>
    FixedStepRungeKutta,
}
