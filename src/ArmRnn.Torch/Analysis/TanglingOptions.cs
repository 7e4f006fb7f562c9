using ArmRnn.Options;

namespace ArmRnn.Torch.Analysis;

/// <summary>Options of <see cref="Tangling"/>.</summary>
public sealed class TanglingOptions : IValidatableOptions
{
    /// <summary>The constant ε in the denominator; null (the default) for
    /// <see cref="EpsilonFraction"/> × the total variance of the states (Russo et al. 2018).</summary>
    public double? Epsilon { get; set; }

    /// <summary>The fraction of the total variance used as ε when <see cref="Epsilon"/> is null (default 0.1). The
    /// total variance is the sum over units of the sample variance (N − 1 normalisation) over the samples used.</summary>
    public double EpsilonFraction { get; set; } = 0.1;

    /// <summary>Whether each condition's trajectory is periodic (default false): the derivative at the last sample is
    /// then taken towards the first (wrap-around differences) and every sample is used; otherwise the last sample of
    /// each condition has no derivative and is left out.</summary>
    public bool Periodic { get; set; }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        Epsilon is null ? null : OptionChecks.Positive(nameof(Epsilon), Epsilon.Value),
        OptionChecks.Positive(nameof(EpsilonFraction), EpsilonFraction));

    /// <summary>A copy.</summary>
    public TanglingOptions Clone() => (TanglingOptions)MemberwiseClone();
}
