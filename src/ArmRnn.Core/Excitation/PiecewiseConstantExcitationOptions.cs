using ArmRnn.Options;

namespace ArmRnn.Excitation;

/// <summary>Parameters of <see cref="PiecewiseConstantExcitation"/>. Defaults: holds of 0.1 to 0.5 s, levels in
/// [0.01, 0.6].</summary>
public sealed class PiecewiseConstantExcitationOptions : IValidatableOptions
{
    /// <summary>Shortest hold (s), positive.</summary>
    public double MinHold { get; set; } = 0.1;

    /// <summary>Longest hold (s), ≥ <see cref="MinHold"/>.</summary>
    public double MaxHold { get; set; } = 0.5;

    /// <summary>Lowest level, in [0, 1].</summary>
    public double Min { get; set; } = 0.01;

    /// <summary>Highest level, in [Min, 1].</summary>
    public double Max { get; set; } = 0.6;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        OptionChecks.Positive(nameof(MinHold), MinHold),
        OptionChecks.Positive(nameof(MaxHold), MaxHold),
        OptionChecks.Ordered(nameof(MinHold), MinHold, nameof(MaxHold), MaxHold),
        .. ExcitationGeneratorChecks.Bounds(Min, Max),
    ]);

    /// <summary>A copy (generators copy their options so later changes do not affect them).</summary>
    public PiecewiseConstantExcitationOptions Clone() => (PiecewiseConstantExcitationOptions)MemberwiseClone();
}
