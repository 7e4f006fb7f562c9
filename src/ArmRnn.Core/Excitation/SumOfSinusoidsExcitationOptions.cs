using ArmRnn.Options;

namespace ArmRnn.Excitation;

/// <summary>Parameters of <see cref="SumOfSinusoidsExcitation"/>. Defaults: 3 sinusoids per muscle between 0.5 and
/// 2 Hz, values in [0.01, 0.6].</summary>
public sealed class SumOfSinusoidsExcitationOptions : IValidatableOptions
{
    /// <summary>Number K of sinusoids per muscle (1 to 64).</summary>
    public int ComponentCount { get; set; } = 3;

    /// <summary>Lowest frequency (Hz), ≥ 0.</summary>
    public double MinFrequency { get; set; } = 0.5;

    /// <summary>Highest frequency (Hz), ≥ <see cref="MinFrequency"/> and below the Nyquist frequency 1 / (2·dt) of
    /// the control step it is used with.</summary>
    public double MaxFrequency { get; set; } = 2.0;

    /// <summary>Lowest excitation, in [0, 1].</summary>
    public double Min { get; set; } = 0.01;

    /// <summary>Highest excitation, in [Min, 1].</summary>
    public double Max { get; set; } = 0.6;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        OptionChecks.InRange(nameof(ComponentCount), ComponentCount, 1, 64),
        OptionChecks.NonNegative(nameof(MinFrequency), MinFrequency),
        OptionChecks.Positive(nameof(MaxFrequency), MaxFrequency),
        OptionChecks.Ordered(nameof(MinFrequency), MinFrequency, nameof(MaxFrequency), MaxFrequency),
        .. ExcitationGeneratorChecks.Bounds(Min, Max),
    ]);

    /// <summary>A copy (generators copy their options so later changes do not affect them).</summary>
    public SumOfSinusoidsExcitationOptions Clone() => (SumOfSinusoidsExcitationOptions)MemberwiseClone();
}
