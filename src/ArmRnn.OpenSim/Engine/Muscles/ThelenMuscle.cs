using System.Globalization;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Engine.Muscles;

/// <summary>
/// OpenSim 4.3's <c>Thelen2003Muscle</c> as pure functions: first-order activation dynamics
/// (<c>MuscleFirstOrderActivationDynamicModel</c>), a fixed-width pennation model
/// (<c>MuscleFixedWidthPennationModel</c>), a compliant tendon and an equilibrium fiber, whose fiber velocity is
/// found by inverting the modified Thelen (2003) force-velocity curve.
/// </summary>
/// <remarks>
/// <para>
/// Written from the equations of OpenSim 4.3 (<c>Thelen2003Muscle.cpp</c>, <c>MuscleFirstOrderActivationDynamicModel.cpp</c>,
/// <c>MuscleFixedWidthPennationModel.cpp</c>, <c>ActivationFiberLengthMuscle.cpp</c>, <c>Muscle.cpp</c>), including its
/// clamps and corner cases, so that a forward simulation reproduces OpenSim's:
/// </para>
/// <list type="bullet">
/// <item><description>active force-length: <c>exp(-(lN - 1)^2 / KshapeActive)</c>;</description></item>
/// <item><description>passive force-length: <c>(exp(KshapePassive (lN - 1) / FmaxMuscleStrain) - 1) / (exp(KshapePassive) - 1)</c>
/// for <c>lN &gt; 1</c>, else 0;</description></item>
/// <item><description>tendon force-length: 0 below slack, an exponential toe <c>0.33 (exp(3 e / eToe) - 1) / (exp(3) - 1)</c>
/// up to the toe strain <c>eToe = 99 e0 exp(3) / (166 exp(3) - 67)</c>, then linear with stiffness
/// <c>0.67 / (e0 - eToe)</c> (value 1 at strain <c>e0 = FmaxTendonStrain</c>);</description></item>
/// <item><description>force-velocity inverse: Thelen's equations 6 and 7, extrapolated linearly below zero force and above
/// <c>fv_linear_extrap_threshold * Flen</c>;</description></item>
/// <item><description>no damping.</description></item>
/// </list>
/// <para>
/// The methods used in an integrator's inner loop (<see cref="ActivationDerivative"/>, <see cref="Compute"/> and the
/// curves) allocate nothing, throw nothing and have no state. Their only numerical guards are OpenSim's: activation is
/// clamped to [minimum activation, 1], the fiber length is raised to the minimum fiber length, the pennation angle
/// stops at the maximum pennation angle, the force-velocity curve is extrapolated linearly, and a fiber at its minimum
/// length that would shorten is held. Non-finite inputs give non-finite outputs. The instance is immutable and
/// thread-safe.
/// </para>
/// </remarks>
public sealed class ThelenMuscle
{
    /// <summary>SimTK::Eps (machine epsilon of double).</summary>
    internal const double Eps = 2.220446049250313e-16;

    /// <summary>SimTK::SignificantReal, Eps^(7/8).</summary>
    internal const double SignificantReal = 2.0097183471152322e-14;

    /// <summary>SimTK::SqrtEps.</summary>
    internal const double SqrtEps = 1.4901161193847656e-8;

    /// <summary>Maximum Newton iterations of OpenSim's initial equilibrium (Thelen2003Muscle::computeInitialFiberEquilibrium).</summary>
    private const int OpenSimEquilibriumIterations = 20;

    /// <summary>Extra Newton steps taken after OpenSim's tolerance is met, to reach the root to machine precision.</summary>
    private const int PolishIterations = 8;

    /// <summary>Bisection steps of the bracketed fallback (more than enough to shrink any bracket to a few ulps).</summary>
    private const int BisectionIterations = 200;

    /// <summary>Toe-region stiffness shape factor of the tendon curve (kToe).</summary>
    private const double ToeShape = 3.0;

    /// <summary>Normalised tendon force at the end of the toe region (Ftoe).</summary>
    private const double ToeForce = 0.33;

    private readonly double _activationTimeConstant;
    private readonly double _deactivationTimeConstant;
    private readonly double _minimumActivation;
    private readonly double _kShapeActive;
    private readonly double _passiveExponentScale;
    private readonly double _passiveDenominator;
    private readonly double _toeStrain;
    private readonly double _linearStiffness;
    private readonly double _toeScale;
    private readonly double _af;
    private readonly double _flen;
    private readonly double _extrapolationThreshold;
    private readonly double _eccentricScale;
    private readonly bool _isPennated;
    private readonly double _maximumSinPennation;
    private readonly double _maximumCosPennation;

    /// <summary>Creates the muscle and precomputes its constants.</summary>
    /// <param name="parameters">The muscle's properties.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A property is out of the range OpenSim 4.3 accepts (the checks of its <c>extendFinalizeFromProperties</c>; lengths,
    /// forces and velocities must also be positive and finite), <c>FvLinearExtrapThreshold</c> is not below 1 (the
    /// eccentric branch would reach its asymptote), or a rigid tendon or ignored activation dynamics is requested
    /// (OpenSim 4.3 does not implement them either).
    /// </exception>
    public ThelenMuscle(ThelenMuscleParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Validate(parameters);
        Parameters = parameters;

        MaxIsometricForce = parameters.MaxIsometricForce;
        OptimalFiberLength = parameters.OptimalFiberLength;
        TendonSlackLength = parameters.TendonSlackLength;
        MaxContractionVelocity = parameters.MaxContractionVelocity;
        PennationAngleAtOptimal = parameters.PennationAngleAtOptimal;
        MaximumPennationAngle = parameters.MaximumPennationAngle;

        _activationTimeConstant = parameters.ActivationTimeConstant;
        _deactivationTimeConstant = parameters.DeactivationTimeConstant;
        _minimumActivation = parameters.MinimumActivation;

        _kShapeActive = parameters.KshapeActive;
        _passiveExponentScale = parameters.KshapePassive / parameters.FmaxMuscleStrain;
        _passiveDenominator = Math.Exp(parameters.KshapePassive) - 1.0;

        double e0 = parameters.FmaxTendonStrain;
        double exp3 = Math.Exp(3.0);
        _toeStrain = 99.0 * e0 * exp3 / (166.0 * exp3 - 67.0);
        _linearStiffness = 0.67 / (e0 - _toeStrain);
        _toeScale = ToeForce / (Math.Exp(ToeShape) - 1.0);

        _af = parameters.Af;
        _flen = parameters.Flen;
        _extrapolationThreshold = parameters.FvLinearExtrapThreshold;
        _eccentricScale = (2.0 + 2.0 / _af) / (_flen - 1.0);

        // MuscleFixedWidthPennationModel: constant parallelogram height; pennation only if the optimal angle exceeds Eps.
        _isPennated = PennationAngleAtOptimal > Eps;
        ParallelogramHeight = OptimalFiberLength * Math.Sin(PennationAngleAtOptimal);
        _maximumSinPennation = Math.Sin(MaximumPennationAngle);
        _maximumCosPennation = Math.Cos(MaximumPennationAngle);
        MinimumFiberLength = MaximumPennationAngle > SignificantReal
            ? ParallelogramHeight / _maximumSinPennation
            : OptimalFiberLength * 0.01;
        MinimumFiberLengthAlongTendon = MinimumFiberLength * Math.Cos(MaximumPennationAngle);
    }

    /// <summary>The properties this muscle was built from.</summary>
    public ThelenMuscleParameters Parameters { get; }

    /// <summary>Maximum isometric force (N).</summary>
    public double MaxIsometricForce { get; }

    /// <summary>Optimal fiber length (m).</summary>
    public double OptimalFiberLength { get; }

    /// <summary>Tendon slack length (m).</summary>
    public double TendonSlackLength { get; }

    /// <summary>Maximum contraction velocity (optimal fiber lengths per second).</summary>
    public double MaxContractionVelocity { get; }

    /// <summary>Pennation angle at optimal fiber length (rad).</summary>
    public double PennationAngleAtOptimal { get; }

    /// <summary>Maximum pennation angle (rad).</summary>
    public double MaximumPennationAngle { get; }

    /// <summary>The constant height of the fixed-width pennation parallelogram, optimal fiber length * sin(optimal pennation) (m).</summary>
    public double ParallelogramHeight { get; }

    /// <summary>
    /// The minimum fiber length (m), OpenSim's: the fiber length at the maximum pennation angle,
    /// <c>ParallelogramHeight / sin(MaximumPennationAngle)</c>, which is 0 for a muscle without pennation; 1% of the
    /// optimal fiber length only when the maximum pennation angle is 0.
    /// </summary>
    public double MinimumFiberLength { get; }

    /// <summary>The minimum fiber length projected on the tendon (m).</summary>
    public double MinimumFiberLengthAlongTendon { get; }

    /// <summary>The minimum activation (lower clamp of the activation).</summary>
    public double MinimumActivation => _minimumActivation;

    /// <summary>The tendon strain at which the toe region of the tendon curve ends.</summary>
    public double TendonToeStrain => _toeStrain;

    /// <summary>The normalised stiffness of the linear region of the tendon curve.</summary>
    public double TendonLinearStiffness => _linearStiffness;

    /// <summary>Clamps an activation state to [minimum activation, 1], as OpenSim does wherever it uses activation.</summary>
    /// <param name="activation">The activation state.</param>
    /// <returns>The clamped activation (NaN stays NaN).</returns>
    public double ClampActivation(double activation)
    {
        if (activation < _minimumActivation)
        {
            return _minimumActivation;
        }

        return activation > 1.0 ? 1.0 : activation;
    }

    /// <summary>
    /// The activation derivative of OpenSim 4.3's <c>MuscleFirstOrderActivationDynamicModel</c>:
    /// <c>(u - a) / tau</c> with <c>a</c> the activation clamped to [minimum activation, 1] and
    /// <c>tau = tauAct (0.5 + 1.5 a)</c> when <c>u &gt; a</c>, else <c>tauDeact / (0.5 + 1.5 a)</c>.
    /// </summary>
    /// <remarks>
    /// As in OpenSim 4.3, only the activation is clamped, not the excitation: an excitation below the minimum
    /// activation drives the (unbounded) activation state below the minimum, and it must climb back before the clamped
    /// activation rises. The reference OpenSim 4.3 runs confirm this (their activation channel reports the clamped value
    /// of a state that started at 0 and went negative). Callers that want excitations clamped must do so themselves.
    /// </remarks>
    /// <param name="excitation">The excitation (control), used as given.</param>
    /// <param name="activation">The activation state (any value; clamped internally).</param>
    /// <returns>The time derivative of the activation state (1/s).</returns>
    public double ActivationDerivative(double excitation, double activation)
    {
        double a = ClampActivation(activation);
        double tau = excitation > a
            ? _activationTimeConstant * (0.5 + 1.5 * a)
            : _deactivationTimeConstant / (0.5 + 1.5 * a);
        return (excitation - a) / tau;
    }

    /// <summary>The active force-length multiplier, a Gaussian: <c>exp(-(lN - 1)^2 / KshapeActive)</c>.</summary>
    /// <param name="normalizedFiberLength">Fiber length over optimal fiber length.</param>
    /// <returns>The multiplier, 1 at optimal length.</returns>
    public double ActiveForceLengthMultiplier(double normalizedFiberLength)
    {
        double x = normalizedFiberLength - 1.0;
        return Math.Exp(-(x * x) / _kShapeActive);
    }

    /// <summary>The derivative of <see cref="ActiveForceLengthMultiplier"/> with respect to normalised fiber length.</summary>
    /// <param name="normalizedFiberLength">Fiber length over optimal fiber length.</param>
    /// <returns>The slope.</returns>
    public double ActiveForceLengthMultiplierDerivative(double normalizedFiberLength)
    {
        double x = normalizedFiberLength - 1.0;
        return -2.0 * x / _kShapeActive * Math.Exp(-(x * x) / _kShapeActive);
    }

    /// <summary>
    /// The passive force-length multiplier: <c>(exp(KshapePassive (lN - 1) / FmaxMuscleStrain) - 1) /
    /// (exp(KshapePassive) - 1)</c> above optimal length, 0 at or below it; 1 at <c>lN = 1 + FmaxMuscleStrain</c>.
    /// </summary>
    /// <param name="normalizedFiberLength">Fiber length over optimal fiber length.</param>
    /// <returns>The multiplier.</returns>
    public double PassiveForceLengthMultiplier(double normalizedFiberLength)
    {
        if (normalizedFiberLength > 1.0)
        {
            return (Math.Exp(_passiveExponentScale * (normalizedFiberLength - 1.0)) - 1.0) / _passiveDenominator;
        }

        return 0.0;
    }

    /// <summary>The derivative of <see cref="PassiveForceLengthMultiplier"/> with respect to normalised fiber length.</summary>
    /// <param name="normalizedFiberLength">Fiber length over optimal fiber length.</param>
    /// <returns>The slope (0 at or below optimal length).</returns>
    public double PassiveForceLengthMultiplierDerivative(double normalizedFiberLength)
    {
        if (normalizedFiberLength > 1.0)
        {
            return _passiveExponentScale * Math.Exp(_passiveExponentScale * (normalizedFiberLength - 1.0)) / _passiveDenominator;
        }

        return 0.0;
    }

    /// <summary>
    /// The tendon force-length multiplier (normalised tendon force): 0 for a slack tendon, an exponential toe up to
    /// <see cref="TendonToeStrain"/> (where it reaches 0.33), then linear, reaching 1 at <c>FmaxTendonStrain</c>.
    /// </summary>
    /// <param name="normalizedTendonLength">Tendon length over tendon slack length.</param>
    /// <returns>The multiplier.</returns>
    public double TendonForceLengthMultiplier(double normalizedTendonLength)
    {
        double strain = normalizedTendonLength - 1.0;
        if (strain > _toeStrain)
        {
            return _linearStiffness * (strain - _toeStrain) + ToeForce;
        }

        if (strain > 0.0)
        {
            return _toeScale * (Math.Exp(ToeShape * strain / _toeStrain) - 1.0);
        }

        return 0.0;
    }

    /// <summary>The derivative of <see cref="TendonForceLengthMultiplier"/> with respect to normalised tendon length.</summary>
    /// <param name="normalizedTendonLength">Tendon length over tendon slack length.</param>
    /// <returns>The slope.</returns>
    public double TendonForceLengthMultiplierDerivative(double normalizedTendonLength)
    {
        double strain = normalizedTendonLength - 1.0;
        if (strain > _toeStrain)
        {
            return _linearStiffness;
        }

        if (strain > 0.0)
        {
            return _toeScale * (ToeShape / _toeStrain) * Math.Exp(ToeShape * strain / _toeStrain);
        }

        return 0.0;
    }

    /// <summary>
    /// The inverse of the force-velocity curve (OpenSim's <c>calcdlceN</c>): the normalised fiber velocity at which the
    /// fiber develops the normalised active force <paramref name="normalizedActiveForce"/> = a * fal * fv. Thelen's
    /// equations 6 and 7 between zero force and <c>fv_linear_extrap_threshold * Flen * a * fal</c>; outside, the
    /// tangent line at the nearer end.
    /// </summary>
    /// <param name="activation">The (clamped) activation.</param>
    /// <param name="activeForceLengthMultiplier">The active force-length multiplier.</param>
    /// <param name="normalizedActiveForce">Active fiber force over maximum isometric force.</param>
    /// <returns>Fiber velocity over (optimal fiber length * maximum contraction velocity); negative when shortening.</returns>
    public double ForceVelocityInverse(double activation, double activeForceLengthMultiplier, double normalizedActiveForce)
    {
        double afl = activation * activeForceLengthMultiplier;
        double c = 0.25 + 0.75 * activation;
        double f = normalizedActiveForce;
        double eccentricEnd = _extrapolationThreshold * _flen * afl;
        if (f > 0.0 && f < eccentricEnd)
        {
            double b = f <= afl ? afl + f / _af : _eccentricScale * (afl * _flen - f);
            return c * (f - afl) / b;
        }

        double f0;
        double b0;
        double db;
        if (f <= 0.0)
        {
            f0 = 0.0;
            b0 = afl;
            db = 1.0 / _af;
        }
        else
        {
            f0 = eccentricEnd;
            b0 = _eccentricScale * (afl * _flen - f0);
            db = -_eccentricScale;
        }

        double v0 = c * (f0 - afl) / b0;
        double slope = c / b0 - c * (f0 - afl) / (b0 * b0) * db;
        return v0 + slope * (f - f0);
    }

    /// <summary>
    /// The force-velocity multiplier at a normalised fiber velocity: the exact inverse of
    /// <see cref="ForceVelocityInverse"/> divided by a * fal, floored at 0 (OpenSim's <c>calcfvInv</c>, which finds the same
    /// value by Newton iteration). For Thelen's curve it does not depend on the active force-length multiplier.
    /// </summary>
    /// <param name="activation">The (clamped) activation.</param>
    /// <param name="normalizedFiberVelocity">Fiber velocity over (optimal fiber length * maximum contraction velocity).</param>
    /// <returns>The force-velocity multiplier (1 at zero velocity; at least 0).</returns>
    public double ForceVelocityMultiplier(double activation, double normalizedFiberVelocity)
    {
        // In units of a * fal, the curve is: v = c (f - 1) / (1 + f / af) for 0 < f <= 1,
        // v = c (f - 1) / (k (Flen - f)) for 1 < f < thr Flen (k the eccentric scale), tangent lines outside.
        double c = 0.25 + 0.75 * activation;
        double v = normalizedFiberVelocity;
        double fv;
        if (v <= -c)
        {
            // Below zero force: the tangent at f = 0 has slope c (1 + 1/af).
            fv = (v + c) / (c * (1.0 + 1.0 / _af));
        }
        else if (v <= 0.0)
        {
            fv = (c + v) / (c - v / _af);
        }
        else
        {
            double fEnd = _extrapolationThreshold * _flen;
            double vEnd = c * (fEnd - 1.0) / (_eccentricScale * (_flen - fEnd));
            if (v < vEnd)
            {
                double kv = _eccentricScale * v;
                fv = (c + kv * _flen) / (c + kv);
            }
            else
            {
                double bEnd = _eccentricScale * (_flen - fEnd);
                double slope = c / bEnd + c * (fEnd - 1.0) / (bEnd * bEnd) * _eccentricScale;
                fv = fEnd + (v - vEnd) / slope;
            }
        }

        return Math.Max(0.0, fv);
    }

    /// <summary>
    /// The pennation angle of the fixed-width pennation model: <c>asin(ParallelogramHeight / lce)</c>, the maximum
    /// pennation angle at or below the minimum fiber length, 0 for a muscle without pennation.
    /// </summary>
    /// <param name="fiberLength">Fiber length (m).</param>
    /// <returns>The pennation angle (rad).</returns>
    public double PennationAngle(double fiberLength)
    {
        if (!_isPennated)
        {
            return 0.0;
        }

        var (sinPhi, _) = PennationSinCos(fiberLength);
        return sinPhi < _maximumSinPennation ? Math.Asin(sinPhi) : MaximumPennationAngle;
    }

    /// <summary>
    /// Evaluates the muscle at a state, as OpenSim 4.3 does for its length, velocity and dynamics information: the
    /// tendon force follows from the lengths, the fiber velocity from inverting the force-velocity curve in the
    /// equilibrium <c>(a fal fv + fpe) cos(phi) = fse</c>.
    /// </summary>
    /// <remarks>
    /// The activation is clamped to [minimum activation, 1]; the fiber length is raised to
    /// <see cref="MinimumFiberLength"/>; when the fiber-length state is at or below the minimum and the fiber would
    /// shorten, the fiber is held: fiber velocity 0, force-velocity multiplier 1, active and total fiber force 0 (tendon
    /// and passive forces are still reported). Allocation-free.
    /// </remarks>
    /// <param name="activation">The activation state.</param>
    /// <param name="fiberLength">The fiber-length state (m).</param>
    /// <param name="muscleTendonLength">The muscle-tendon (path) length (m).</param>
    /// <returns>The muscle's lengths, velocities and forces.</returns>
    public MuscleDynamicsResult Compute(double activation, double fiberLength, double muscleTendonLength)
    {
        var s = Solve(activation, fiberLength, muscleTendonLength);
        double lce = s.FiberLength;
        double dlce = s.FiberVelocity;
        double dphi = _isPennated ? -(dlce / lce) * (s.SinPennation / s.CosPennation) : 0.0;
        double dlceAlongTendon = dlce * s.CosPennation - lce * s.SinPennation * dphi;
        double fv = s.ForceVelocityMultiplier;
        double activeForce = s.IsClamped ? 0.0 : s.Activation * s.ActiveForceLength * fv * MaxIsometricForce;
        double fiberForce = s.IsClamped ? 0.0 : (s.Activation * s.ActiveForceLength * fv + s.PassiveForceLength) * MaxIsometricForce;

        return new MuscleDynamicsResult(
            activation: s.Activation,
            fiberLength: lce,
            normalizedFiberLength: s.NormalizedFiberLength,
            pennationAngle: PennationAngle(lce),
            cosPennationAngle: s.CosPennation,
            fiberLengthAlongTendon: lce * s.CosPennation,
            tendonLength: s.TendonLength,
            normalizedTendonLength: s.TendonLength / TendonSlackLength,
            activeForceLengthMultiplier: s.ActiveForceLength,
            passiveForceLengthMultiplier: s.PassiveForceLength,
            forceVelocityMultiplier: fv,
            normalizedTendonForce: s.NormalizedTendonForce,
            fiberVelocity: dlce,
            normalizedFiberVelocity: s.NormalizedFiberVelocity,
            fiberVelocityAlongTendon: dlceAlongTendon,
            pennationAngularVelocity: dphi,
            tendonForce: s.NormalizedTendonForce * MaxIsometricForce,
            passiveFiberForce: s.PassiveForceLength * MaxIsometricForce,
            activeFiberForce: activeForce,
            fiberForce: fiberForce,
            isFiberStateClamped: s.IsClamped);
    }

    /// <summary>
    /// The two quantities an integrator needs from <see cref="Compute"/>, without the rest: the tendon force and the
    /// fiber velocity (the fiber-length state derivative). Same values as <see cref="Compute"/>'s, bit for bit.
    /// </summary>
    /// <param name="activation">The activation state.</param>
    /// <param name="fiberLength">The fiber-length state (m).</param>
    /// <param name="muscleTendonLength">The muscle-tendon (path) length (m).</param>
    /// <param name="fiberVelocity">The fiber velocity (m/s).</param>
    /// <returns>The tendon force (N).</returns>
    public double ComputeTendonForce(double activation, double fiberLength, double muscleTendonLength, out double fiberVelocity)
    {
        var s = Solve(activation, fiberLength, muscleTendonLength);
        fiberVelocity = s.FiberVelocity;
        return s.NormalizedTendonForce * MaxIsometricForce;
    }

    /// <summary>The shared core of <see cref="Compute"/> and <see cref="ComputeTendonForce"/>.</summary>
    private FiberSolution Solve(double activation, double fiberLength, double muscleTendonLength)
    {
        double a = ClampActivation(activation);
        double lce = Math.Max(MinimumFiberLength, fiberLength);
        double lceN = lce / OptimalFiberLength;
        var (sinPhi, cosPhi) = PennationSinCos(lce);
        double tendonLength = muscleTendonLength - (lce * cosPhi);

        double fpe = PassiveForceLengthMultiplier(lceN);
        double fal = ActiveForceLengthMultiplier(lceN);
        double fse = TendonForceLengthMultiplier(tendonLength / TendonSlackLength);

        // Equilibrium: a fal fv = fse / cos(phi) - fpe (cos(phi) >= cos(maximum pennation angle) > 0).
        double aFalFv = fse / cosPhi - fpe;
        double dlceN = ForceVelocityInverse(a, fal, aFalFv);

        // A fiber at (or below) its minimum length that would shorten is held there.
        if (fiberLength <= MinimumFiberLength && dlceN <= 0.0)
        {
            return new FiberSolution(a, lce, lceN, sinPhi, cosPhi, tendonLength, fal, fpe, fse, 1.0, 0.0, 0.0, true);
        }

        return new FiberSolution(
            a, lce, lceN, sinPhi, cosPhi, tendonLength, fal, fpe, fse, aFalFv / (a * fal), dlceN, dlceN * MaxContractionVelocity * OptimalFiberLength, false);
    }

    /// <summary>
    /// Sine and cosine of the pennation angle of <see cref="PennationAngle"/>, from the fixed parallelogram height
    /// without inverse trigonometry (sin = height / lce, cos = sqrt(1 - sin²)).
    /// </summary>
    private (double Sin, double Cos) PennationSinCos(double fiberLength)
    {
        if (!_isPennated)
        {
            return (0.0, 1.0);
        }

        if (fiberLength > MinimumFiberLength)
        {
            double sinPhi = ParallelogramHeight / fiberLength;
            if (sinPhi < _maximumSinPennation)
            {
                return (sinPhi, Math.Sqrt((1.0 - sinPhi) * (1.0 + sinPhi)));
            }
        }

        return (_maximumSinPennation, _maximumCosPennation);
    }

    /// <summary>
    /// The fiber length at which fiber and tendon are in equilibrium, as OpenSim 4.3's
    /// <c>Thelen2003Muscle::computeInitialFiberEquilibrium</c> finds it (see <see cref="SolveEquilibrium"/>).
    /// </summary>
    /// <param name="activation">The activation state (clamped to [minimum activation, 1], as OpenSim does).</param>
    /// <param name="muscleTendonLength">The muscle-tendon length (m).</param>
    /// <param name="lengtheningSpeed">The muscle-tendon lengthening speed (m/s); 0 gives the isometric equilibrium.</param>
    /// <returns>The equilibrium fiber length (m), or the minimum fiber length when there is no equilibrium above it.</returns>
    /// <exception cref="InvalidOperationException">
    /// There is no equilibrium (<see cref="MuscleEquilibriumStatus.Failed"/>: non-finite inputs, or a nonzero lengthening
    /// speed for which OpenSim's velocity assumption admits none); OpenSim throws <c>MuscleCannotEquilibrate</c> there.
    /// </exception>
    public double EquilibriumFiberLength(double activation, double muscleTendonLength, double lengtheningSpeed = 0.0)
    {
        MuscleEquilibrium result = SolveEquilibrium(activation, muscleTendonLength, lengtheningSpeed);
        if (result.Status == MuscleEquilibriumStatus.Failed)
        {
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture,
                "The muscle cannot equilibrate: activation {0}, muscle-tendon length {1} m, lengthening speed {2} m/s (residual {3} N after {4} iterations).",
                activation,
                muscleTendonLength,
                lengtheningSpeed,
                result.Residual,
                result.Iterations));
        }

        return result.FiberLength;
    }

    /// <summary>
    /// Solves OpenSim 4.3's initial fiber equilibrium (<c>Thelen2003Muscle::initMuscleState</c>):
    /// <c>(a fal(lce) fv + fpe(lce)) Fmax cos(phi) - fse(tl) Fmax = 0</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// What OpenSim assumes about the fiber velocity: the muscle-tendon lengthening speed is shared between tendon
    /// and fiber in proportion to their stiffnesses (tendon velocity = kFiberAlongTendon / (kFiberAlongTendon +
    /// kTendon) * lengthening speed, while the tendon is stretched), and fv is the force-velocity multiplier of that
    /// fiber velocity. With a lengthening speed of 0 the fiber is isometric and fv is exactly 1.
    /// </para>
    /// <para>
    /// The same damped Newton iteration as OpenSim's, from the same first guess (tendon at 1.01 slack lengths), so
    /// that it finds the same root; once OpenSim's tolerance (1e-8 Fmax) is met, a few more Newton steps take it to the
    /// root to machine precision (OpenSim stops there, up to about 1e-11 m away). If the iteration fails where OpenSim
    /// would throw, a bisection between the minimum fiber length and the length at which the tendon goes slack finds a
    /// root instead. As in OpenSim, when the fiber reaches its minimum length without an equilibrium, the minimum fiber
    /// length is returned (status <see cref="MuscleEquilibriumStatus.AtMinimumFiberLength"/>).
    /// </para>
    /// <para>
    /// With a nonzero lengthening speed there may be no consistent equilibrium: the velocity estimate gives all of the
    /// speed to the tendon once it is slack, so the residual jumps where the tendon goes slack and can jump over zero
    /// (a fast-shortening, inactive muscle near tendon slack). OpenSim's iteration then stops next to the jump, where the
    /// residual with the previous velocity estimate is within tolerance, and returns that length; so does this method
    /// (no polishing there). Only if the Newton iteration fails as well is the status
    /// <see cref="MuscleEquilibriumStatus.Failed"/>, where OpenSim throws. With a lengthening speed of 0 the residual is
    /// continuous and a solution is always found. Allocation-free.
    /// </para>
    /// </remarks>
    /// <param name="activation">The activation state (clamped to [minimum activation, 1], as OpenSim's <c>getActivation</c>).</param>
    /// <param name="muscleTendonLength">The muscle-tendon length (m).</param>
    /// <param name="lengtheningSpeed">The muscle-tendon lengthening speed (m/s).</param>
    /// <returns>The fiber length and how it was found.</returns>
    public MuscleEquilibrium SolveEquilibrium(double activation, double muscleTendonLength, double lengtheningSpeed = 0.0)
    {
        if (!double.IsFinite(activation) || !double.IsFinite(muscleTendonLength) || !double.IsFinite(lengtheningSpeed))
        {
            return new MuscleEquilibrium(double.NaN, MuscleEquilibriumStatus.Failed, double.NaN, 0);
        }

        var w = new ThelenEquilibriumIterate(this, ClampActivation(activation), muscleTendonLength, lengtheningSpeed);
        double tolerance = Math.Max(1e-8 * MaxIsometricForce, SignificantReal * 10.0);

        // OpenSim's first guess: the tendon at 1.01 slack lengths.
        w.FiberLength = FiberLengthFromTendonLength(muscleTendonLength, TendonSlackLength * 1.01);
        w.UpdatePosition();
        w.UpdateMultipliers();
        w.ForceVelocityMultiplier = 1.0;
        w.UpdatePartials();
        w.UpdateVelocity();
        w.UpdateForceError();
        w.UpdatePartials();

        double errorPrevious = w.ForceError;
        double lengthPrevious = w.FiberLength;
        int iterations = 0;
        while (Math.Abs(w.ForceError) > tolerance && iterations < OpenSimEquilibriumIterations)
        {
            double slope = w.DFiberForceAlongTendonDFiberLength - w.DTendonForceDFiberLength;
            double h = 1.0;
            while (Math.Abs(w.ForceError) >= Math.Abs(errorPrevious))
            {
                double delta = -h * errorPrevious / slope;
                if (Math.Abs(delta) > SignificantReal)
                {
                    w.FiberLength = lengthPrevious + delta;
                }
                else
                {
                    // Stagnation: step across by SqrtEps and stop damping (OpenSim does the same).
                    w.FiberLength = lengthPrevious - Sign(delta) * SqrtEps;
                    h = 0.0;
                }

                if (w.FiberLength < MinimumFiberLength)
                {
                    w.FiberLength = MinimumFiberLength;
                }

                w.UpdatePosition();
                w.UpdateMultipliers();
                w.UpdateForceError();
                if (h <= SqrtEps)
                {
                    break;
                }

                h *= 0.5;
            }

            errorPrevious = w.ForceError;
            lengthPrevious = w.FiberLength;
            w.UpdatePartials();
            w.UpdateVelocity();
            iterations++;
        }

        if (Math.Abs(w.ForceError) < tolerance)
        {
            iterations += Polish(ref w, tolerance);
            return new MuscleEquilibrium(w.FiberLength, MuscleEquilibriumStatus.Converged, w.ForceError, iterations);
        }

        if (w.FiberLength <= MinimumFiberLength)
        {
            return AtMinimum(ref w, iterations);
        }

        return Bisect(ref w, iterations, tolerance);
    }

    /// <summary>
    /// Fiber length from muscle-tendon and tendon lengths (MuscleFixedWidthPennationModel::calcFiberLength): the
    /// minimum fiber length if the fiber would be shorter along the tendon than its minimum.
    /// </summary>
    internal double FiberLengthFromTendonLength(double muscleTendonLength, double tendonLength)
    {
        double alongTendon = muscleTendonLength - tendonLength;
        if (alongTendon >= MinimumFiberLengthAlongTendon)
        {
            return Math.Sqrt(ParallelogramHeight * ParallelogramHeight + alongTendon * alongTendon);
        }

        return MinimumFiberLength;
    }

    /// <summary>SimTK::sign: -1, 0 or 1 (0 for NaN, where Math.Sign would throw).</summary>
    private static double Sign(double x) => x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);

    private static void Validate(ThelenMuscleParameters p)
    {
        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message, nameof(p));
            }
        }

        Require(double.IsFinite(p.MaxIsometricForce) && p.MaxIsometricForce > 0, "MaxIsometricForce must be positive and finite.");
        Require(double.IsFinite(p.OptimalFiberLength) && p.OptimalFiberLength > 0, "OptimalFiberLength must be greater than zero.");
        Require(double.IsFinite(p.TendonSlackLength) && p.TendonSlackLength > 0, "TendonSlackLength must be positive and finite.");
        Require(double.IsFinite(p.MaxContractionVelocity) && p.MaxContractionVelocity > 0, "MaxContractionVelocity must be positive and finite.");
        Require(
            p.PennationAngleAtOptimal >= 0 && p.PennationAngleAtOptimal <= Math.PI / 2.0 - SignificantReal,
            "PennationAngleAtOptimal must be in the range [0, Pi/2).");
        Require(
            p.MaximumPennationAngle >= 0 && p.MaximumPennationAngle <= Math.PI / 2.0,
            "MaximumPennationAngle must be in the range [0, Pi/2].");
        Require(p.FmaxTendonStrain > 0 && double.IsFinite(p.FmaxTendonStrain), "FmaxTendonStrain must be greater than zero.");
        Require(p.FmaxMuscleStrain > 0 && double.IsFinite(p.FmaxMuscleStrain), "FmaxMuscleStrain must be greater than zero.");
        Require(p.KshapeActive > 0 && double.IsFinite(p.KshapeActive), "KshapeActive must be greater than zero.");
        Require(p.KshapePassive > 0 && double.IsFinite(p.KshapePassive), "KshapePassive must be greater than zero.");
        Require(p.Af > 0 && double.IsFinite(p.Af), "Af must be greater than zero.");
        Require(p.Flen > 1.0 && double.IsFinite(p.Flen), "Flen must be greater than 1.0.");
        Require(
            p.FvLinearExtrapThreshold > 1.0 / p.Flen && p.FvLinearExtrapThreshold < 1.0,
            "FvLinearExtrapThreshold must be greater than 1/Flen (and below 1, where the eccentric asymptote is).");
        Require(
            p.MinimumActivation >= 0.01 && p.MinimumActivation <= 1.0 - SignificantReal,
            "MinimumActivation must be at least 0.01 (OpenSim 4.3) and below 1.");
        Require(p.ActivationTimeConstant >= SignificantReal && double.IsFinite(p.ActivationTimeConstant), "ActivationTimeConstant must be greater than zero.");
        Require(p.DeactivationTimeConstant >= SignificantReal && double.IsFinite(p.DeactivationTimeConstant), "DeactivationTimeConstant must be greater than zero.");
        Require(!p.IgnoreTendonCompliance, "A rigid tendon (IgnoreTendonCompliance) is not implemented (nor is it in OpenSim 4.3's Thelen2003Muscle).");
        Require(!p.IgnoreActivationDynamics, "IgnoreActivationDynamics is not implemented (nor is it in OpenSim 4.3's Thelen2003Muscle).");
    }

    /// <summary>
    /// Newton steps past OpenSim's tolerance, each accepted only if it does not increase the residual. Skipped when the
    /// residual with OpenSim's latest velocity estimate exceeds the tolerance (the estimate jumped: see
    /// <see cref="SolveEquilibrium"/>), so that OpenSim's answer is kept.
    /// </summary>
    private int Polish(ref ThelenEquilibriumIterate w, double tolerance)
    {
        // OpenSim's loop leaves the residual of the previous velocity estimate; take the latest one.
        ThelenEquilibriumIterate openSim = w;
        w.UpdateForceError();
        if (!(Math.Abs(w.ForceError) <= tolerance))
        {
            w = openSim;
            return 0;
        }

        w.UpdatePartials();
        int steps = 0;
        for (; steps < PolishIterations; steps++)
        {
            double slope = w.DFiberForceAlongTendonDFiberLength - w.DTendonForceDFiberLength;
            double delta = -w.ForceError / slope;
            if (!(Math.Abs(delta) > 2.0 * Eps * w.FiberLength))
            {
                break;
            }

            ThelenEquilibriumIterate saved = w;
            w.FiberLength = Math.Max(MinimumFiberLength, w.FiberLength + delta);
            w.UpdatePosition();
            w.UpdateMultipliers();
            w.UpdateForceError();
            if (!(Math.Abs(w.ForceError) <= Math.Abs(saved.ForceError)))
            {
                w = saved;
                break;
            }

            w.UpdatePartials();
            w.UpdateVelocity();
            w.UpdateForceError();
            if (!(Math.Abs(w.ForceError) <= tolerance))
            {
                // The velocity estimate jumped: keep the last consistent length.
                w = saved;
                break;
            }

            w.UpdatePartials();
        }

        return steps;
    }

    private MuscleEquilibrium AtMinimum(ref ThelenEquilibriumIterate w, int iterations)
    {
        double residual = w.ForceError;
        w.FiberLength = MinimumFiberLength;
        return new MuscleEquilibrium(MinimumFiberLength, MuscleEquilibriumStatus.AtMinimumFiberLength, residual, iterations);
    }

    /// <summary>
    /// The bracketed fallback: bisection of the residual (with the force-velocity multiplier of OpenSim's velocity
    /// estimate iterated to consistency at each length) between the minimum fiber length, where the tendon is longest
    /// and the residual lowest, and the fiber length at which the tendon goes slack, where the residual is not negative.
    /// </summary>
    private MuscleEquilibrium Bisect(ref ThelenEquilibriumIterate w, int iterations, double tolerance)
    {
        double lo = MinimumFiberLength;
        double errorLo = w.ResidualAt(lo);
        if (!double.IsFinite(errorLo))
        {
            return new MuscleEquilibrium(double.NaN, MuscleEquilibriumStatus.Failed, errorLo, iterations);
        }

        if (errorLo >= 0.0)
        {
            return AtMinimum(ref w, iterations);
        }

        double hi = FiberLengthFromTendonLength(w.MuscleTendonLength, TendonSlackLength);
        double errorHi = w.ResidualAt(hi);
        if (!(errorHi >= 0.0) || !(hi > lo))
        {
            return new MuscleEquilibrium(double.NaN, MuscleEquilibriumStatus.Failed, errorHi, iterations);
        }

        for (int k = 0; k < BisectionIterations; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi)
            {
                break;
            }

            double errorMid = w.ResidualAt(mid);
            iterations++;
            if (errorMid < 0.0)
            {
                lo = mid;
                errorLo = errorMid;
            }
            else
            {
                hi = mid;
                errorHi = errorMid;
            }
        }

        bool loCloser = Math.Abs(errorLo) < Math.Abs(errorHi);
        double residual = loCloser ? errorLo : errorHi;
        if (!(Math.Abs(residual) <= tolerance))
        {
            // The bracket closed on a jump, not a root: OpenSim's velocity estimate switches where the tendon goes
            // slack, and with a nonzero lengthening speed the residual can jump over zero there. OpenSim throws.
            return new MuscleEquilibrium(double.NaN, MuscleEquilibriumStatus.Failed, residual, iterations);
        }

        return new MuscleEquilibrium(loCloser ? lo : hi, MuscleEquilibriumStatus.Converged, residual, iterations);
    }
}
