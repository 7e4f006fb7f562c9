using ArmRnn.Data;
using ArmRnn.Datasets;
using ArmRnn.Excitation;
using ArmRnn.Loops;
using ArmRnn.Plants;
using ArmRnn.Randomness;

namespace ArmRnn.Core.Tests.Datasets;

public class GeneratedDatasetSourceTests
{
    /// <summary>A minimal generator: one uniform level per trajectory and muscle.</summary>
    private sealed class LevelGenerator : IExcitationGenerator
    {
        public string Description => "uniform levels";

        public void Generate(TrajectoryArray excitations, double dt, DeterministicRandom random)
        {
            for (var b = 0; b < excitations.BatchSize; b++)
            {
                var stream = random.Fork((ulong)b);
                for (var k = 0; k < excitations.Channels; k++)
                {
                    var level = stream.NextDouble();
                    for (var t = 0; t < excitations.Steps; t++)
                    {
                        excitations[b, t, k] = level;
                    }
                }
            }
        }
    }

    [Fact]
    public void Batches_are_reproducible_and_consistent_with_the_plant()
    {
        var options = new DatasetShapeOptions { BatchSize = 5, BatchCount = 3, Steps = 30, Seed = 11, Generation = 0 };
        var first = new GeneratedDatasetSource(new PointMassPlant(), new LevelGenerator(), options).ReadBatches().ToList();
        var second = new GeneratedDatasetSource(new PointMassPlant(), new LevelGenerator(), options).ReadBatches().ToList();
        Assert.Equal(3, first.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first[i].States.AsSpan().ToArray(), second[i].States.AsSpan().ToArray());
            Assert.Equal("uniform levels", first[i].Provenance["generator"]);
            // Each batch is the plant driven by its own excitations from its own initial states.
            var replay = ExcitationReplay.Run(new PointMassPlant(), first[i].InitialStates, first[i].Excitations);
            Assert.Equal(replay.States.AsSpan().ToArray(), first[i].States.AsSpan().ToArray());
        }

        Assert.NotEqual(first[0].Excitations.AsSpan().ToArray(), first[1].Excitations.AsSpan().ToArray());
        Assert.NotEqual(first[0].InitialStates.AsSpan().ToArray(), first[1].InitialStates.AsSpan().ToArray());
    }

    [Fact]
    public void Invalid_shape_options_are_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new GeneratedDatasetSource(new PointMassPlant(), new LevelGenerator(), new DatasetShapeOptions { Steps = 0 }));
        Assert.Contains("Steps", error.Message, StringComparison.Ordinal);
    }
}
