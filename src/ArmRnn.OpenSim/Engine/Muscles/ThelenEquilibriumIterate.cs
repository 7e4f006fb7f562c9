namespace ArmRnn.OpenSim.Engine.Muscles;

/// <summary>
/// The working variables of <see cref="ThelenMuscle.SolveEquilibrium"/>, with the update steps of OpenSim 4.3's
/// <c>Thelen2003Muscle::initMuscleState</c> (its position, multiplier, force-error, partial-derivative and velocity
/// helpers). A struct, so that the solver allocates nothing.
/// </summary>
internal struct ThelenEquilibriumIterate
{
    /// <summary>Iterations of the force-velocity estimate at a fixed fiber length (bisection fallback only).</summary>
    private const int ConsistencyIterations = 50;

    private readonly ThelenMuscle _muscle;

    public ThelenEquilibriumIterate(ThelenMuscle muscle, double activation, double muscleTendonLength, double lengtheningSpeed)
    {
        _muscle = muscle;
        Activation = activation;
        MuscleTendonLength = muscleTendonLength;
        LengtheningSpeed = lengtheningSpeed;
        ForceVelocityMultiplier = 1.0;
    }

    /// <summary>The clamped activation.</summary>
    public double Activation { get; }

    /// <summary>The muscle-tendon length (m).</summary>
    public double MuscleTendonLength { get; }

    /// <summary>The muscle-tendon lengthening speed (m/s).</summary>
    public double LengtheningSpeed { get; }

    /// <summary>The current fiber length (m).</summary>
    public double FiberLength { get; set; }

    /// <summary>Pennation angle at <see cref="FiberLength"/> (rad).</summary>
    public double PennationAngle { get; private set; }

    /// <summary>Cosine of the pennation angle.</summary>
    public double CosPennationAngle { get; private set; } = 1.0;

    /// <summary>Tendon length (m).</summary>
    public double TendonLength { get; private set; }

    /// <summary>Normalised fiber length.</summary>
    public double NormalizedFiberLength { get; private set; }

    /// <summary>Normalised tendon length.</summary>
    public double NormalizedTendonLength { get; private set; }

    /// <summary>Tendon force-length multiplier.</summary>
    public double Fse { get; private set; }

    /// <summary>Active force-length multiplier.</summary>
    public double Fal { get; private set; }

    /// <summary>Passive force-length multiplier.</summary>
    public double Fpe { get; private set; }

    /// <summary>The force-velocity multiplier estimate.</summary>
    public double ForceVelocityMultiplier { get; set; }

    /// <summary>Fiber force along the fiber (N), as of the last <see cref="UpdateForceError"/>.</summary>
    public double FiberForce { get; private set; }

    /// <summary>Fiber force along the tendon minus tendon force (N).</summary>
    public double ForceError { get; private set; }

    /// <summary>d(fiber force along tendon)/d(fiber length) (N/m).</summary>
    public double DFiberForceAlongTendonDFiberLength { get; private set; }

    /// <summary>d(tendon force)/d(fiber length) (N/m).</summary>
    public double DTendonForceDFiberLength { get; private set; }

    /// <summary>d(fiber force along tendon)/d(fiber length along tendon) (N/m).</summary>
    public double DFiberForceAlongTendonDFiberLengthAlongTendon { get; private set; }

    /// <summary>d(tendon force)/d(tendon length) (N/m).</summary>
    public double DTendonForceDTendonLength { get; private set; }

    /// <summary>Position level: pennation angle, tendon length and the normalised lengths at <see cref="FiberLength"/>.</summary>
    public void UpdatePosition()
    {
        PennationAngle = _muscle.PennationAngle(FiberLength);
        CosPennationAngle = Math.Cos(PennationAngle);
        TendonLength = MuscleTendonLength - FiberLength * CosPennationAngle;
        NormalizedFiberLength = FiberLength / _muscle.OptimalFiberLength;
        NormalizedTendonLength = TendonLength / _muscle.TendonSlackLength;
    }

    /// <summary>The force-length multipliers at the current lengths.</summary>
    public void UpdateMultipliers()
    {
        Fse = _muscle.TendonForceLengthMultiplier(NormalizedTendonLength);
        Fal = _muscle.ActiveForceLengthMultiplier(NormalizedFiberLength);
        Fpe = _muscle.PassiveForceLengthMultiplier(NormalizedFiberLength);
    }

    /// <summary>The equilibrium residual with the current force-velocity estimate.</summary>
    public void UpdateForceError()
    {
        double fiso = _muscle.MaxIsometricForce;
        FiberForce = (Activation * Fal * ForceVelocityMultiplier + Fpe) * fiso;
        ForceError = FiberForce * CosPennationAngle - Fse * fiso;
    }

    /// <summary>
    /// The partial derivatives of fiber force along the tendon and of tendon force with respect to fiber length, as
    /// OpenSim's helpers compute them (they use the fiber force of the last <see cref="UpdateForceError"/>, 0 before it).
    /// For a muscle without pennation the pennation terms are 0 (OpenSim's formula is 0/0 there only at zero fiber length).
    /// </summary>
    public void UpdatePartials()
    {
        ThelenMuscle m = _muscle;
        double fiso = m.MaxIsometricForce;
        double ofl = m.OptimalFiberLength;
        double tsl = m.TendonSlackLength;
        double lce = FiberLength;
        double height = m.ParallelogramHeight;

        double dFmDlce = (Activation * ForceVelocityMultiplier * m.ActiveForceLengthMultiplierDerivative(NormalizedFiberLength)
            + m.PassiveForceLengthMultiplierDerivative(NormalizedFiberLength)) * fiso * (1.0 / ofl);

        double dCosDlce = 0.0;
        double dPhiDlce = 0.0;
        if (height > 0.0)
        {
            double h2 = height * height;
            double l2 = lce * lce;
            dCosDlce = h2 / (l2 * lce * Math.Sqrt(1.0 - h2 / l2));
            double ratio = height / lce;
            dPhiDlce = -height / (l2 * Math.Sqrt(1.0 - ratio * ratio));
        }

        DFiberForceAlongTendonDFiberLength = dFmDlce * CosPennationAngle + FiberForce * dCosDlce;
        DFiberForceAlongTendonDFiberLengthAlongTendon = DFiberForceAlongTendonDFiberLength * CosPennationAngle;

        double dFseDtlN = m.TendonForceLengthMultiplierDerivative(NormalizedTendonLength);
        DTendonForceDTendonLength = dFseDtlN * (fiso / tsl);
        double dTlDlce = -Math.Cos(PennationAngle) + lce * Math.Sin(PennationAngle) * dPhiDlce;
        DTendonForceDFiberLength = dFseDtlN * dTlDlce * (fiso / tsl);
    }

    /// <summary>
    /// OpenSim's velocity estimate: the lengthening speed shared between tendon and fiber by their stiffnesses (all of
    /// it to the tendon when it is slack or the stiffnesses cancel), and the force-velocity multiplier of the resulting
    /// fiber velocity. Exactly 1 for a lengthening speed of 0.
    /// </summary>
    public void UpdateVelocity()
    {
        double speed = LengtheningSpeed;
        if (speed == 0.0)
        {
            ForceVelocityMultiplier = 1.0;
            return;
        }

        double kFiber = DFiberForceAlongTendonDFiberLengthAlongTendon;
        double kTendon = DTendonForceDTendonLength;
        double tendonVelocity = Math.Abs(kFiber + kTendon) > ThelenMuscle.SignificantReal && TendonLength > _muscle.TendonSlackLength
            ? kFiber / (kFiber + kTendon) * speed
            : speed;

        double fiberVelocity = (speed - tendonVelocity) * CosPennationAngle;
        double normalized = fiberVelocity / (_muscle.MaxContractionVelocity * _muscle.OptimalFiberLength);
        ForceVelocityMultiplier = _muscle.ForceVelocityMultiplier(Activation, normalized);
    }

    /// <summary>
    /// The residual at a fiber length, with the force-velocity estimate iterated to consistency at that length (used by
    /// the bracketed fallback only).
    /// </summary>
    public double ResidualAt(double fiberLength)
    {
        FiberLength = fiberLength;
        UpdatePosition();
        UpdateMultipliers();
        ForceVelocityMultiplier = 1.0;
        UpdateForceError();
        if (LengtheningSpeed != 0.0)
        {
            for (int k = 0; k < ConsistencyIterations; k++)
            {
                UpdatePartials();
                double previous = ForceVelocityMultiplier;
                UpdateVelocity();
                UpdateForceError();
                if (!(Math.Abs(ForceVelocityMultiplier - previous) > 1e-15 * Math.Max(1.0, Math.Abs(previous))))
                {
                    break;
                }
            }
        }

        return ForceError;
    }
}
