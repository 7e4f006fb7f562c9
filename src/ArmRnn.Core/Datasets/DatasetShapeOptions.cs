using ArmRnn.Options;

namespace ArmRnn.Datasets;

/// <summary>How much data a generated dataset source yields, and from which seed.</summary>
public sealed class DatasetShapeOptions : IValidatableOptions
{
    /// <summary>Trajectories per batch.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Number of batches.</summary>
    public int BatchCount { get; set; } = 1;

    /// <summary>Control steps per trajectory.</summary>
    public int Steps { get; set; } = 100;

    /// <summary>Seed; batch i draws from <c>new DeterministicRandom(Seed).Fork(i)</c>.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Generation number recorded in the batches.</summary>
    public int Generation { get; set; }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.InRange(nameof(BatchSize), BatchSize, 1, 1_000_000),
        OptionChecks.InRange(nameof(BatchCount), BatchCount, 1, 1_000_000),
        OptionChecks.InRange(nameof(Steps), Steps, 1, 10_000_000),
        OptionChecks.InRange(nameof(Generation), Generation, 0, 1_000_000));

    /// <summary>A copy.</summary>
    public DatasetShapeOptions Clone() => (DatasetShapeOptions)MemberwiseClone();
}
