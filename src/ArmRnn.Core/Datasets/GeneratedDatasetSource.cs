using System.Globalization;
using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Excitation;
using ArmRnn.Loops;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.Datasets;

/// <summary>
/// Generation-0 data (step 1 of the pipeline): a plant driven by scripted excitations from sampled starting
/// states. Batch i uses <c>Fork(i)</c> of the seed: its starting states from <c>Fork(0)</c> of that and its
/// excitations from <c>Fork(1)</c>, so each batch is reproducible on its own.
/// </summary>
public sealed class GeneratedDatasetSource : IDatasetSource
{
    private readonly IPlant _plant;
    private readonly IExcitationGenerator _generator;
    private readonly DatasetShapeOptions _options;

    /// <summary>Creates the source.</summary>
    /// <param name="plant">The plant to drive (used by one enumeration at a time).</param>
    /// <param name="generator">The excitation generator.</param>
    /// <param name="options">Batch size, count, steps and seed (copied).</param>
    public GeneratedDatasetSource(IPlant plant, IExcitationGenerator generator, DatasetShapeOptions options)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(options);
        _plant = plant;
        _generator = generator;
        _options = options.Clone().EnsureValid();
    }

    /// <inheritdoc />
    public string Description => $"{_plant.Layout.Name} driven by {_generator.Description}";

    /// <inheritdoc />
    public IEnumerable<TrajectoryBatch> ReadBatches(CancellationToken cancellationToken = default)
    {
        var root = new DeterministicRandom(_options.Seed);
        for (var i = 0; i < _options.BatchCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stream = root.Fork((ulong)i);
            var requested = new TrajectoryArray(_options.BatchSize, 1, _plant.Layout.Count);
            _plant.SampleInitialStates(stream.Fork(0), requested.AsSpan());
            var excitations = new TrajectoryArray(_options.BatchSize, _options.Steps, _plant.ExcitationNames.Count);
            _generator.Generate(excitations, _plant.Dt, stream.Fork(1));
            var batch = ExcitationReplay.Run(_plant, requested, excitations, null, _options.Generation, cancellationToken);
            yield return batch.WithProvenance(
            [
                new("source", "generated"),
                new("generator", _generator.Description),
                new("seed", _options.Seed.ToString(CultureInfo.InvariantCulture)),
                new("batch_index", i.ToString(CultureInfo.InvariantCulture)),
            ]);
        }
    }
}
