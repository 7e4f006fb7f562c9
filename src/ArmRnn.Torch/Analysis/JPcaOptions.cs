using ArmRnn.Options;

namespace ArmRnn.Torch.Analysis;

/// <summary>Options of <see cref="JPca"/> (defaults follow Churchland et al. 2012).</summary>
public sealed class JPcaOptions : IValidatableOptions
{
    /// <summary>The principal components the dynamics are fitted in (default 6; capped at the number of units).</summary>
    public int Dimensions { get; set; } = 6;

    /// <summary>Whether the cross-condition mean is subtracted at each time before the fit (default true), so that
    /// what is fitted is the condition-specific part of the activity.</summary>
    public bool SubtractConditionMean { get; set; } = true;

    /// <summary>Soft normalisation constant: each unit is divided by (its range + this) before the analysis; null (the
    /// default) for no normalisation. Churchland et al. used 5 spikes/s for neurons.</summary>
    public double? SoftNormalization { get; set; }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.InRange(nameof(Dimensions), Dimensions, 2, 100_000),
        SoftNormalization is null ? null : OptionChecks.NonNegative(nameof(SoftNormalization), SoftNormalization.Value));

    /// <summary>A copy.</summary>
    public JPcaOptions Clone() => (JPcaOptions)MemberwiseClone();
}
