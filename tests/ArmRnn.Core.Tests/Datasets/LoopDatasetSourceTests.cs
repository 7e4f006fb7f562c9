using ArmRnn.Datasets;
using ArmRnn.Loops;
using ArmRnn.Plants;
using ArmRnn.Tasks;

namespace ArmRnn.Core.Tests.Datasets;

public class LoopDatasetSourceTests
{
    private static readonly DatasetShapeOptions Shape = new() { BatchSize = 6, BatchCount = 2, Steps = 130, Seed = 3, Generation = 1 };

    private static RandomReachTask Task() => new(new RandomReachTaskOptions { Hand = PointMassPlant.Hand });

    [Fact]
    public void Closed_loop_source_reaches_its_random_targets_reproducibly()
    {
        var plant = new PointMassPlant();
        var source = new ClosedLoopDatasetSource(plant, new PointMassReachController(plant), Task(), Shape);
        var first = source.ReadBatches().ToList();
        var second = source.ReadBatches().ToList();
        Assert.Equal(2, first.Count);
        Assert.Equal(first[1].States.AsSpan().ToArray(), second[1].States.AsSpan().ToArray());
        Assert.Equal(1, first[0].Generation);
        Assert.Equal("closed-loop", first[0].Provenance["source"]);

        // Regenerate the trials the source used (same forks) and check the hand ends near each target: the scripted
        // controller settles within 2 mm of a reach of at most 10 cm (the same bound as the demo test).
        var batch = first[0];
        var trials = Task().CreateBatch(Shape.BatchSize, Shape.Steps, plant.Dt, batch.InitialStates, plant.Layout,
            new ArmRnn.Randomness.DeterministicRandom(Shape.Seed).Fork(0).Fork(1));
        Assert.Equal(batch.TaskInputs.Values.AsSpan().ToArray(), trials.Inputs.Values.AsSpan().ToArray());
        for (var b = 0; b < Shape.BatchSize; b++)
        {
            var trial = trials.Trials[b];
            var goal = trial.IsCatchTrial ? trial.Start : trial.Target;
            var x = batch.States[b, Shape.Steps - 1, 0];
            var y = batch.States[b, Shape.Steps - 1, 1];
            Assert.InRange(Math.Sqrt(Math.Pow(x - goal.X, 2) + Math.Pow(y - goal.Y, 2)), 0, 0.002);
        }
    }

    [Fact]
    public void Open_loop_source_yields_the_reference_plant_replaying_the_surrogate_excitations()
    {
        var surrogate = new PointMassPlant(0.01, new PointMassPlantOptions { Damping = 6 });
        var reference = new PointMassPlant();
        var source = new OpenLoopDatasetSource(surrogate, reference, new PointMassReachController(surrogate), Task(), Shape);
        var results = source.ReadResults().ToList();
        var batches = source.ReadBatches().ToList();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(results[i].Reference.States.AsSpan().ToArray(), batches[i].States.AsSpan().ToArray());
            var replay = ExcitationReplay.Run(new PointMassPlant(), results[i].Reference.InitialStates, results[i].Surrogate.Excitations);
            Assert.Equal(replay.States.AsSpan().ToArray(), results[i].Reference.States.AsSpan().ToArray());
        }

        // The plants differ in damping, so the sides must differ (otherwise the check above is vacuous).
        Assert.NotEqual(results[0].Surrogate.States.AsSpan().ToArray(), results[0].Reference.States.AsSpan().ToArray());
    }
}
