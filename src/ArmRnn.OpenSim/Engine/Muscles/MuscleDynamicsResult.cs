namespace ArmRnn.OpenSim.Engine.Muscles;

/// <summary>
/// Everything <see cref="ThelenMuscle.Compute"/> evaluates for one muscle state: OpenSim 4.3's
/// <c>MuscleLengthInfo</c>, <c>FiberVelocityInfo</c> and <c>MuscleDynamicsInfo</c> of a <c>Thelen2003Muscle</c>, in
/// SI units (m, m/s, N, rad). Quantities are reported exactly as OpenSim's outputs of the same names report them.
/// </summary>
public readonly struct MuscleDynamicsResult
{
    /// <summary>Creates a result. Used by <see cref="ThelenMuscle"/>; every argument is stored as given.</summary>
    /// <param name="activation">The clamped activation.</param>
    /// <param name="fiberLength">The clamped fiber length (m).</param>
    /// <param name="normalizedFiberLength">Fiber length over optimal fiber length.</param>
    /// <param name="pennationAngle">Pennation angle (rad).</param>
    /// <param name="cosPennationAngle">Cosine of the pennation angle.</param>
    /// <param name="fiberLengthAlongTendon">Fiber length projected on the tendon (m).</param>
    /// <param name="tendonLength">Tendon length (m).</param>
    /// <param name="normalizedTendonLength">Tendon length over tendon slack length.</param>
    /// <param name="activeForceLengthMultiplier">Active force-length multiplier.</param>
    /// <param name="passiveForceLengthMultiplier">Passive force-length multiplier.</param>
    /// <param name="forceVelocityMultiplier">Force-velocity multiplier.</param>
    /// <param name="normalizedTendonForce">Tendon force over maximum isometric force.</param>
    /// <param name="fiberVelocity">Fiber velocity (m/s), the fiber-length state derivative.</param>
    /// <param name="normalizedFiberVelocity">Fiber velocity in optimal fiber lengths per second over the maximum contraction velocity.</param>
    /// <param name="fiberVelocityAlongTendon">Fiber velocity projected on the tendon (m/s).</param>
    /// <param name="pennationAngularVelocity">Pennation angular velocity (rad/s).</param>
    /// <param name="tendonForce">Tendon force (N).</param>
    /// <param name="passiveFiberForce">Passive fiber force along the fiber (N).</param>
    /// <param name="activeFiberForce">Active fiber force along the fiber (N).</param>
    /// <param name="fiberForce">Total fiber force along the fiber (N).</param>
    /// <param name="isFiberStateClamped">Whether the fiber is held at its minimum length.</param>
    public MuscleDynamicsResult(
        double activation,
        double fiberLength,
        double normalizedFiberLength,
        double pennationAngle,
        double cosPennationAngle,
        double fiberLengthAlongTendon,
        double tendonLength,
        double normalizedTendonLength,
        double activeForceLengthMultiplier,
        double passiveForceLengthMultiplier,
        double forceVelocityMultiplier,
        double normalizedTendonForce,
        double fiberVelocity,
        double normalizedFiberVelocity,
        double fiberVelocityAlongTendon,
        double pennationAngularVelocity,
        double tendonForce,
        double passiveFiberForce,
        double activeFiberForce,
        double fiberForce,
        bool isFiberStateClamped)
    {
        Activation = activation;
        FiberLength = fiberLength;
        NormalizedFiberLength = normalizedFiberLength;
        PennationAngle = pennationAngle;
        CosPennationAngle = cosPennationAngle;
        FiberLengthAlongTendon = fiberLengthAlongTendon;
        TendonLength = tendonLength;
        NormalizedTendonLength = normalizedTendonLength;
        ActiveForceLengthMultiplier = activeForceLengthMultiplier;
        PassiveForceLengthMultiplier = passiveForceLengthMultiplier;
        ForceVelocityMultiplier = forceVelocityMultiplier;
        NormalizedTendonForce = normalizedTendonForce;
        FiberVelocity = fiberVelocity;
        NormalizedFiberVelocity = normalizedFiberVelocity;
        FiberVelocityAlongTendon = fiberVelocityAlongTendon;
        PennationAngularVelocity = pennationAngularVelocity;
        TendonForce = tendonForce;
        PassiveFiberForce = passiveFiberForce;
        ActiveFiberForce = activeFiberForce;
        FiberForce = fiberForce;
        IsFiberStateClamped = isFiberStateClamped;
    }

    /// <summary>
    /// The activation the muscle used: the activation state clamped to [minimum activation, 1] (OpenSim's
    /// <c>activation</c> output, <c>Muscle::getActivation</c>). The state itself is not bounded in OpenSim 4.3.
    /// </summary>
    public double Activation { get; }

    /// <summary>
    /// Fiber length (m): the fiber-length state raised to the minimum fiber length if below it (OpenSim's
    /// <c>fiber_length</c> output).
    /// </summary>
    public double FiberLength { get; }

    /// <summary>Fiber length over optimal fiber length.</summary>
    public double NormalizedFiberLength { get; }

    /// <summary>Pennation angle (rad) of the fixed-width (constant parallelogram height) pennation model.</summary>
    public double PennationAngle { get; }

    /// <summary>Cosine of <see cref="PennationAngle"/>.</summary>
    public double CosPennationAngle { get; }

    /// <summary>Fiber length projected on the tendon, <c>FiberLength * CosPennationAngle</c> (m).</summary>
    public double FiberLengthAlongTendon { get; }

    /// <summary>Tendon length, muscle-tendon length minus <see cref="FiberLengthAlongTendon"/> (m).</summary>
    public double TendonLength { get; }

    /// <summary>Tendon length over tendon slack length.</summary>
    public double NormalizedTendonLength { get; }

    /// <summary>Tendon strain, <c>NormalizedTendonLength - 1</c>.</summary>
    public double TendonStrain => NormalizedTendonLength - 1.0;

    /// <summary>Active force-length multiplier (the Gaussian), at <see cref="NormalizedFiberLength"/>.</summary>
    public double ActiveForceLengthMultiplier { get; }

    /// <summary>Passive force-length multiplier, at <see cref="NormalizedFiberLength"/>.</summary>
    public double PassiveForceLengthMultiplier { get; }

    /// <summary>
    /// Force-velocity multiplier: <c>(NormalizedTendonForce / cos(phi) - PassiveForceLengthMultiplier) /
    /// (Activation * ActiveForceLengthMultiplier)</c>, as OpenSim computes it (it is not bounded), or 1 when the fiber
    /// state is clamped.
    /// </summary>
    public double ForceVelocityMultiplier { get; }

    /// <summary>Tendon force over maximum isometric force (the tendon force-length curve).</summary>
    public double NormalizedTendonForce { get; }

    /// <summary>
    /// Fiber velocity (m/s): the time derivative of the fiber-length state (OpenSim's <c>fiber_velocity</c> output).
    /// Zero while the fiber state is clamped.
    /// </summary>
    public double FiberVelocity { get; }

    /// <summary>Fiber velocity over (optimal fiber length * maximum contraction velocity).</summary>
    public double NormalizedFiberVelocity { get; }

    /// <summary>Fiber velocity projected on the tendon (m/s).</summary>
    public double FiberVelocityAlongTendon { get; }

    /// <summary>Time derivative of the pennation angle (rad/s).</summary>
    public double PennationAngularVelocity { get; }

    /// <summary>Tendon force (N): OpenSim's <c>tendon_force</c> output, the force the muscle applies to its path.</summary>
    public double TendonForce { get; }

    /// <summary>
    /// Passive fiber force (N): OpenSim's <c>passive_fiber_force</c> output. It acts along the fiber (not projected on
    /// the tendon), is the passive force-length curve times the maximum isometric force and includes no damping. It is
    /// reported even while the fiber state is clamped.
    /// </summary>
    public double PassiveFiberForce { get; }

    /// <summary>
    /// Active fiber force along the fiber (N): activation * active force-length * force-velocity * maximum isometric
    /// force (OpenSim's <c>active_fiber_force</c> output); zero while the fiber state is clamped.
    /// </summary>
    public double ActiveFiberForce { get; }

    /// <summary>Total fiber force along the fiber (N), active plus passive; zero while the fiber state is clamped.</summary>
    public double FiberForce { get; }

    /// <summary>Total fiber force projected on the tendon (N).</summary>
    public double FiberForceAlongTendon => FiberForce * CosPennationAngle;

    /// <summary>
    /// Whether the fiber state is clamped: the fiber-length state is at or below the minimum fiber length and the
    /// fiber would shorten. OpenSim then holds the fiber (velocity 0, force-velocity multiplier 1, no fiber force).
    /// </summary>
    public bool IsFiberStateClamped { get; }
}
