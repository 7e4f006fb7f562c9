using System.Diagnostics;
using System.Text.Json.Nodes;
using ArmRnn.Controllers;
using ArmRnn.Data;
using ArmRnn.Datasets;
using ArmRnn.Excitation;
using ArmRnn.Loops;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;

namespace ArmRnn.Torch.Pipeline;

/// <summary>Step 1 (generation 0: excitation generator on the plant) and step 4 (later generations: the previous
/// controller, with exploration noise, in closed or open loop) of the pipeline; writes the training and test data.</summary>
internal static class DataStage
{
    /// <summary>Trajectories simulated per chunk (progress is reported per chunk).</summary>
    private const int ChunkSize = 32;

    public static void Run(PipelineContext context, int generation)
    {
        var watch = Stopwatch.StartNew();
        var all = generation == 0 ? Initial(context) : FromController(context, generation);
        var testFraction = generation == 0 ? context.Options.InitialData.TestFraction : context.Options.NewData.TestFraction;
        var testCount = Math.Clamp((int)Math.Round(all.BatchSize * testFraction), 1, all.BatchSize - 1);
        var trainCount = all.BatchSize - testCount;
        var train = all.SelectBatch(Enumerable.Range(0, trainCount).ToArray());
        var test = all.SelectBatch(Enumerable.Range(trainCount, testCount).ToArray());
        TrajectoryBatchHdf5.Write(context.Folder.File(generation, PipelineFiles.TrainingData), train);
        TrajectoryBatchHdf5.Write(context.Folder.File(generation, PipelineFiles.TestData), test);
        context.Folder.Complete(generation, PipelineStage.Data, new JsonObject
        {
            ["seconds"] = watch.Elapsed.TotalSeconds,
            ["source"] = generation == 0 ? "excitation generator" : context.Options.NewData.Mode.ToString(),
            ["training_trajectories"] = trainCount,
            ["test_trajectories"] = testCount,
            ["steps"] = all.Steps,
            ["dt"] = all.Dt,
        });
    }

    private static TrajectoryBatch Initial(PipelineContext context)
    {
        var options = context.Options.InitialData;
        var generator = new SmoothRandomExcitation(options.Excitation);
        var chunks = Chunks(options.Trajectories);
        var seed = context.Seeds.DataSeed(0);
        var batches = new List<TrajectoryBatch>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.Report(0, PipelineStage.Data, (double)i / chunks.Count, $"simulating {options.Trajectories} trajectories with random excitations");
            var shape = new DatasetShapeOptions { BatchSize = chunks[i], BatchCount = 1, Steps = options.Steps, Seed = seed + (ulong)i, Generation = 0 };
            batches.Add(new GeneratedDatasetSource(context.Plants.Plant, generator, shape).ReadBatches(context.CancellationToken).Single());
        }

        context.Report(0, PipelineStage.Data, 1, "simulated");
        return TrajectoryBatch.Concatenate(batches);
    }

    private static TrajectoryBatch FromController(PipelineContext context, int generation)
    {
        var options = context.Options.NewData;
        var plant = context.Plants.Plant;
        var previous = generation - 1;
        using var controller = ControllerNetCheckpoint.Load(context.Folder.File(previous, PipelineFiles.Controller), plant.Layout, context.Device);
        using var armNet = options.Mode == NewDataMode.OpenLoop
            ? ArmNetCheckpoint.Load(context.Folder.File(previous, PipelineFiles.ArmNet), plant.Layout, context.Device)
            : null;
        var task = new CenterOutTask(context.Options.Controller.Task);
        var random = context.Seeds.Data(generation);
        var noiseSeed = context.Seeds.Exploration(generation);
        var chunks = Chunks(options.Trajectories);
        var batches = new List<TrajectoryBatch>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.Report(generation, PipelineStage.Data, (double)i / chunks.Count, $"ControllerNet gen {previous} reaching ({options.Mode}, noise {options.ExplorationNoiseStd})");
            var stream = random.Fork((ulong)i);
            var start = new TrajectoryArray(chunks[i], 1, plant.Layout.Count);
            var requested = new double[start.Length];
            context.Plants.TrainingStarts.SampleInitialStates(stream.Fork(0), requested);
            plant.Reset(requested, start.AsSpan());
            var trials = task.CreateBatch(chunks[i], context.Options.Controller.Training.Steps, plant.Dt, start, plant.Layout, stream.Fork(1));
            var noisy = new ExcitationNoiseController(controller, options.ExplorationNoiseStd, noiseSeed + (ulong)i);
            var batch = armNet is null
                ? new ClosedLoop(plant, noisy).Run(start, trials.Inputs, generation, context.CancellationToken)
                : new OpenLoop(armNet, plant, noisy).Run(start, trials.Inputs, generation, context.CancellationToken).Reference;
            batches.Add(batch.WithProvenance(
            [
                new("source", options.Mode == NewDataMode.ClosedLoop ? "closed-loop" : "open-loop"),
                new("controller_generation", previous.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("task", task.Description),
                new("exploration_noise_std", options.ExplorationNoiseStd.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            ]));
        }

        context.Report(generation, PipelineStage.Data, 1, "simulated");
        return TrajectoryBatch.Concatenate(batches);
    }

    private static List<int> Chunks(int total)
    {
        var chunks = new List<int>();
        for (var done = 0; done < total; done += ChunkSize)
        {
            chunks.Add(Math.Min(ChunkSize, total - done));
        }

        return chunks;
    }
}
