namespace ArmRnn.OpenSim.Engine.Muscles;

/// <summary>The outcome of <see cref="ThelenMuscle.SolveEquilibrium"/>: the equilibrium fiber length and how it was found.</summary>
public readonly struct MuscleEquilibrium
{
    /// <summary>Creates an outcome.</summary>
    /// <param name="fiberLength">The fiber length (m), NaN on failure.</param>
    /// <param name="status">How the solver ended.</param>
    /// <param name="residual">The force residual at <paramref name="fiberLength"/> (N).</param>
    /// <param name="iterations">Newton iterations (or bisection steps of the fallback) taken.</param>
    public MuscleEquilibrium(double fiberLength, MuscleEquilibriumStatus status, double residual, int iterations)
    {
        FiberLength = fiberLength;
        Status = status;
        Residual = residual;
        Iterations = iterations;
    }

    /// <summary>The equilibrium fiber length (m); NaN when <see cref="Status"/> is <see cref="MuscleEquilibriumStatus.Failed"/>.</summary>
    public double FiberLength { get; }

    /// <summary>How the solver ended.</summary>
    public MuscleEquilibriumStatus Status { get; }

    /// <summary>
    /// The equilibrium residual at <see cref="FiberLength"/>: fiber force along the tendon minus tendon force (N),
    /// with the force-velocity multiplier of OpenSim's velocity estimate.
    /// </summary>
    public double Residual { get; }

    /// <summary>Iterations taken by the solver.</summary>
    public int Iterations { get; }
}
