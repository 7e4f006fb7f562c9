using ArmRnn.Options;

namespace ArmRnn.Excitation;

/// <summary>Parameters of <see cref="CoContractionExcitation"/>. Defaults: a level in [0.05, 0.3], no jitter, no ramp.</summary>
public sealed class CoContractionExcitationOptions : IValidatableOptions
{
    /// <summary>Lowest co-contraction level (and lowest excitation), in [0, 1].</summary>
    public double Min { get; set; } = 0.05;

    /// <summary>Highest co-contraction level (and highest excitation), in [Min, 1].</summary>
    public double Max { get; set; } = 0.3;

    /// <summary>Half-width of the constant per-muscle offset drawn uniformly in [−Jitter, Jitter), in [0, 1]; 0 for
    /// exactly equal excitations.</summary>
    public double Jitter { get; set; }

    /// <summary>Whether the level ramps linearly from a first to a second random level over the trajectory.</summary>
    public bool Ramp { get; set; }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        .. ExcitationGeneratorChecks.Bounds(Min, Max),
        OptionChecks.InRange(nameof(Jitter), Jitter, 0.0, 1.0),
    ]);

    /// <summary>A copy (generators copy their options so later changes do not affect them).</summary>
    public CoContractionExcitationOptions Clone() => (CoContractionExcitationOptions)MemberwiseClone();
}
