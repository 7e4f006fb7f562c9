using ArmRnn.Options;

namespace ArmRnn.Torch.Analysis;

/// <summary>Options of <see cref="ControllerAnalysis"/>: the recording, the fixed-point searches and the population
/// analyses.</summary>
public sealed class ControllerAnalysisOptions : IValidatableOptions
{
    /// <summary>Trials, steps and alignment of the recording (defaults of <see cref="RecordingOptions"/>).</summary>
    public RecordingOptions Recording { get; set; } = new();

    /// <summary>The fixed-point search (defaults of <see cref="FixedPointOptions"/>).</summary>
    public FixedPointOptions FixedPoints { get; set; } = new();

    /// <summary>Start states per reach target for the closed-loop fixed-point search (default 64), drawn from the
    /// loop's own trajectory toward that target.</summary>
    public int StartsPerTarget { get; set; } = 64;

    /// <summary>Principal components kept (default 10; capped at the number of units).</summary>
    public int PrincipalComponents { get; set; } = 10;

    /// <summary>jPCA options (defaults of <see cref="JPcaOptions"/>).</summary>
    public JPcaOptions JPca { get; set; } = new();

    /// <summary>Tangling options (defaults of <see cref="TanglingOptions"/>).</summary>
    public TanglingOptions Tangling { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        .. Recording?.GetValidationErrors() ?? [$"{nameof(Recording)} must be set."],
        .. FixedPoints?.GetValidationErrors() ?? [$"{nameof(FixedPoints)} must be set."],
        .. JPca?.GetValidationErrors() ?? [$"{nameof(JPca)} must be set."],
        .. Tangling?.GetValidationErrors() ?? [$"{nameof(Tangling)} must be set."],
        OptionChecks.InRange(nameof(StartsPerTarget), StartsPerTarget, 1, 1_000_000),
        OptionChecks.InRange(nameof(PrincipalComponents), PrincipalComponents, 1, 100_000),
    ]);

    /// <summary>A deep copy.</summary>
    public ControllerAnalysisOptions Clone()
    {
        var copy = (ControllerAnalysisOptions)MemberwiseClone();
        copy.Recording = Recording.Clone();
        copy.FixedPoints = FixedPoints.Clone();
        copy.JPca = JPca.Clone();
        copy.Tangling = Tangling.Clone();
        return copy;
    }
}
