using ArmRnn.Options;

namespace ArmRnn.Excitation;

/// <summary>Parameters of <see cref="SmoothRandomExcitation"/>. Defaults: 2 Hz bandwidth, values in [0.01, 0.6],
/// logistic steepness 1.5.</summary>
public sealed class SmoothRandomExcitationOptions : IValidatableOptions
{
    /// <summary>Cutoff (−3 dB point of one filter pass, Hz) of the low-pass filter; positive and below the
    /// Nyquist frequency 1 / (2·dt) of the control step it is used with.</summary>
    public double CutoffFrequency { get; set; } = 2.0;

    /// <summary>Lowest excitation, in [0, 1].</summary>
    public double Min { get; set; } = 0.01;

    /// <summary>Highest excitation, in [Min, 1].</summary>
    public double Max { get; set; } = 0.6;

    /// <summary>
    /// Slope k of the logistic squashing of the unit-variance filtered noise z: the excitation is
    /// Min + (Max − Min) / (1 + e^(−k·z)). With 1.5, z = ±1 (one standard deviation) maps to 18% and 82% of the
    /// range; larger values push more time near the bounds. Positive.
    /// </summary>
    public double Steepness { get; set; } = 1.5;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        OptionChecks.Positive(nameof(CutoffFrequency), CutoffFrequency),
        .. ExcitationGeneratorChecks.Bounds(Min, Max),
        OptionChecks.Positive(nameof(Steepness), Steepness),
    ]);

    /// <summary>A copy (generators copy their options so later changes do not affect them).</summary>
    public SmoothRandomExcitationOptions Clone() => (SmoothRandomExcitationOptions)MemberwiseClone();
}
