namespace ArmRnn.OpenSim.Engine.Muscles;

/// <summary>How <see cref="ThelenMuscle.SolveEquilibrium"/> ended (OpenSim 4.3's <c>StatusFromInitMuscleState</c>).</summary>
public enum MuscleEquilibriumStatus
{
    /// <summary>The equilibrium equation was solved; the fiber length is its root.</summary>
    Converged = 0,

    /// <summary>
    /// No root above the minimum fiber length: the fiber length was set to the minimum fiber length (OpenSim logs a
    /// warning and does the same).
    /// </summary>
    AtMinimumFiberLength = 1,

    /// <summary>
    /// There is no equilibrium (non-finite inputs, or a nonzero lengthening speed for which OpenSim's velocity assumption
    /// admits none); the fiber length is NaN. OpenSim throws <c>MuscleCannotEquilibrate</c> there.
    /// </summary>
    Failed = 2,
}
