namespace ArmRnn.OpenSim.Engine.Muscles;

/// <summary>
/// The quantities <see cref="ThelenMuscle"/> solves for at one state (clamped activation, fiber geometry, curve
/// multipliers and the fiber velocity of the force equilibrium), from which its public results are assembled.
/// </summary>
/// <param name="Activation">The clamped activation.</param>
/// <param name="FiberLength">The fiber length raised to the minimum (m).</param>
/// <param name="NormalizedFiberLength">Fiber length over optimal fiber length.</param>
/// <param name="SinPennation">Sine of the pennation angle.</param>
/// <param name="CosPennation">Cosine of the pennation angle.</param>
/// <param name="TendonLength">Tendon length (m).</param>
/// <param name="ActiveForceLength">Active force-length multiplier.</param>
/// <param name="PassiveForceLength">Passive force-length multiplier.</param>
/// <param name="NormalizedTendonForce">Tendon force over maximum isometric force.</param>
/// <param name="ForceVelocityMultiplier">Force-velocity multiplier (1 when clamped).</param>
/// <param name="NormalizedFiberVelocity">Normalised fiber velocity (0 when clamped).</param>
/// <param name="FiberVelocity">Fiber velocity (m/s; 0 when clamped).</param>
/// <param name="IsClamped">Whether the fiber is held at its minimum length.</param>
internal readonly record struct FiberSolution(
    double Activation,
    double FiberLength,
    double NormalizedFiberLength,
    double SinPennation,
    double CosPennation,
    double TendonLength,
    double ActiveForceLength,
    double PassiveForceLength,
    double NormalizedTendonForce,
    double ForceVelocityMultiplier,
    double NormalizedFiberVelocity,
    double FiberVelocity,
    bool IsClamped);
