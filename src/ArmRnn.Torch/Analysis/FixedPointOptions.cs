using System.Globalization;
using ArmRnn.Options;
using ArmRnn.Torch.Training;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Options of <see cref="FixedPointFinder"/>. The search minimises <c>q(h) = ½‖F(h) − h‖²</c> (Euclidean norm) from
/// every start at once, one batch on the map's device, with Adam at a learning rate that follows
/// <see cref="Schedule"/> over <see cref="MaxIterations"/> (by default halved every 1000 iterations); a point stops (is
/// frozen) once <c>q ≤ QTolerance</c>. Then up to <see cref="NewtonSteps"/> Newton steps
/// <c>h ← h − (J − I)⁻¹·(F(h) − h)</c> on the dense Jacobian polish every point (each accepted only if it lowers q): on
/// slow manifolds (eigenvalues near 1) Adam alone leaves points spread along the slow direction.
/// </summary>
public sealed class FixedPointOptions : IValidatableOptions
{
    /// <summary>Gradient steps at most (default 5000).</summary>
    public int MaxIterations { get; set; } = 5000;

    /// <summary>A point is a fixed point once <c>q ≤ QTolerance</c> (default 1e-10, in squared state units; the float32
    /// rounding floor of q for a 1024-unit network is about 1e-12). Points that end above it are slow points.</summary>
    public double QTolerance { get; set; } = 1e-10;

    /// <summary>Whether slow points (q above <see cref="QTolerance"/> after <see cref="MaxIterations"/>) are kept in
    /// the result, flagged by <see cref="FixedPoint.IsConverged"/> (default false).</summary>
    public bool KeepSlowPoints { get; set; }

    /// <summary>The learning rate at the first iteration (default 0.01).</summary>
    public double InitialLearningRate { get; set; } = 0.01;

    /// <summary>How the learning rate changes with the iteration (default: halved every 1000 iterations).</summary>
    public LearningRateSchedule Schedule { get; set; } = new() { Kind = LearningRateScheduleKind.Step, StepSize = 1000, Gamma = 0.5 };

    /// <summary>Newton steps after the gradient search (default 5), for maps of at most
    /// <see cref="NewtonMaximumStateSize"/> units; 0 to skip. Each builds the dense Jacobian of every point.</summary>
    public int NewtonSteps { get; set; } = 5;

    /// <summary>The largest state size for which Newton steps run (default 256; a dense n×n solve per point and step
    /// costs about n³/3 flops).</summary>
    public int NewtonMaximumStateSize { get; set; } = 256;

    /// <summary>Adam's first-moment decay (default 0.9).</summary>
    public double AdamBeta1 { get; set; } = 0.9;

    /// <summary>Adam's second-moment decay (default 0.999).</summary>
    public double AdamBeta2 { get; set; } = 0.999;

    /// <summary>Adam's denominator epsilon (default 1e-12: small, so that steps stay scale-free near a minimum where
    /// gradients are tiny).</summary>
    public double AdamEpsilon { get; set; } = 1e-12;

    /// <summary>Standard deviation of the Gaussian noise added to every start state, per unit, in state units
    /// (default 0.01).</summary>
    public double StartNoiseStd { get; set; } = 0.01;

    /// <summary>Two fixed points closer than this in Euclidean (L2) distance, in state units, are one; the one with
    /// the lower q is kept (default 1e-3).</summary>
    public double DeduplicationTolerance { get; set; } = 1e-3;

    /// <summary>
    /// A fixed point farther from the centroid of the (noisy) start states than this many times the starts' mean
    /// Euclidean distance from that centroid is discarded as an outlier (default 10). <see cref="double.PositiveInfinity"/>
    /// keeps every point; rejection is skipped when all starts coincide.
    /// </summary>
    public double OutlierDistanceScale { get; set; } = 10;

    /// <summary>How the Jacobian spectra are obtained (default dense).</summary>
    public JacobianMethod Jacobian { get; set; } = JacobianMethod.Dense;

    /// <summary>Points whose dense Jacobians are built together (default 16): n backward passes per chunk, and
    /// <c>JacobianChunkSize·n²</c> doubles on the host at once (128 MiB at n = 1024).</summary>
    public int JacobianChunkSize { get; set; } = 16;

    /// <summary>Whether each point keeps its dense Jacobian (default false; n² doubles per point).</summary>
    public bool KeepJacobians { get; set; }

    /// <summary>Eigenvectors kept per point, those of the largest-magnitude eigenvalues (default 10).</summary>
    public int EigenvectorCount { get; set; } = 10;

    /// <summary>Eigenvalues computed per point with <see cref="JacobianMethod.TopEigenvalues"/> (default 10).</summary>
    public int TopEigenvalueCount { get; set; } = 10;

    /// <summary>A direction is unstable when its eigenvalue's magnitude exceeds <c>1 + StabilityTolerance</c>
    /// (default 1e-6, above float32 rounding of the Jacobian); eigenvalues within the tolerance of the unit circle
    /// are counted as marginal.</summary>
    public double StabilityTolerance { get; set; } = 1e-6;

    /// <summary>Seed of the start noise (default 1).</summary>
    public ulong Seed { get; set; } = 1;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.InRange(nameof(MaxIterations), MaxIterations, 0, 100_000_000),
        OptionChecks.NonNegative(nameof(QTolerance), QTolerance),
        OptionChecks.Positive(nameof(InitialLearningRate), InitialLearningRate),
        Schedule is null ? $"{nameof(Schedule)} must be set." : Schedule.GetValidationErrors().FirstOrDefault(),
        OptionChecks.InRange(nameof(NewtonSteps), NewtonSteps, 0, 1000),
        OptionChecks.InRange(nameof(NewtonMaximumStateSize), NewtonMaximumStateSize, 0, 1_000_000),
        AdamBeta1 is >= 0 and < 1 ? null : Invariant($"{nameof(AdamBeta1)} must be in [0, 1); it is {AdamBeta1}."),
        AdamBeta2 is >= 0 and < 1 ? null : Invariant($"{nameof(AdamBeta2)} must be in [0, 1); it is {AdamBeta2}."),
        OptionChecks.Positive(nameof(AdamEpsilon), AdamEpsilon),
        OptionChecks.NonNegative(nameof(StartNoiseStd), StartNoiseStd),
        OptionChecks.NonNegative(nameof(DeduplicationTolerance), DeduplicationTolerance),
        OutlierDistanceScale > 0 ? null : Invariant($"{nameof(OutlierDistanceScale)} must be positive (or infinity to keep every point); it is {OutlierDistanceScale}."),
        Enum.IsDefined(Jacobian) ? null : $"{nameof(Jacobian)} {Jacobian} is not a defined value.",
        OptionChecks.InRange(nameof(JacobianChunkSize), JacobianChunkSize, 1, 1_000_000),
        OptionChecks.InRange(nameof(EigenvectorCount), EigenvectorCount, 0, 1_000_000),
        OptionChecks.InRange(nameof(TopEigenvalueCount), TopEigenvalueCount, 1, 1_000_000),
        OptionChecks.NonNegative(nameof(StabilityTolerance), StabilityTolerance));

    /// <summary>A copy.</summary>
    public FixedPointOptions Clone()
    {
        var copy = (FixedPointOptions)MemberwiseClone();
        copy.Schedule = Schedule.Clone();
        return copy;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
