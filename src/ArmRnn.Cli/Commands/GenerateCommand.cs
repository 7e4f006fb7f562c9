using System.Globalization;
using ArmRnn.Cli.Configuration;
using ArmRnn.Controllers;
using ArmRnn.Data;
using ArmRnn.Datasets;
using ArmRnn.Excitation;
using ArmRnn.Loops;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Platform;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn generate</c>: a dataset on the plant, from smooth random excitations (as the pipeline's generation 0)
/// or from a trained ControllerNet reaching centre-out targets with exploration noise (as its later generations).
/// Trajectories are simulated in chunks, each kept in <c>&lt;out&gt;.partial/</c> until the whole dataset is written,
/// so a rerun after Ctrl+C continues with the next chunk.
/// </summary>
internal sealed class GenerateCommand(IAnsiConsole console) : Command<GenerateSettings>
{
    /// <summary>Trajectories simulated per chunk (progress and resumption are per chunk).</summary>
    private const int ChunkSize = 32;

    private const string PartialConfigFileName = "config.json";

    public override int Execute(CommandContext context, GenerateSettings settings, CancellationToken cancellationToken)
    {
        var config = GenerateConfiguration.Resolve(settings);
        if (settings.PrintConfig)
        {
            console.WriteLine(CommandConfigurationFile.ToJson(config));
            return 0;
        }

        var output = string.IsNullOrWhiteSpace(config.Out) ? throw new ArgumentException("--out: give the dataset file to write (e.g. --out data.h5).") : config.Out;
        if (config.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var plants = config.Plant.CreatePlants();
        using var source = config.Controller is null ? null : ControllerSource.Open(config.Controller, config.InitialData.Steps, plants, TorchDevice.Resolve(config.Device));
        var total = config.InitialData.Trajectories;
        var steps = config.InitialData.Steps;
        var what = source is null
            ? string.Create(CultureInfo.InvariantCulture, $"random excitations ({config.InitialData.Excitation.Min}-{config.InitialData.Excitation.Max}, {config.InitialData.Excitation.CutoffFrequency} Hz)")
            : $"ControllerNet {config.Controller!.Checkpoint} ({(config.Controller.Mode == NewDataMode.ClosedLoop ? "closed loop" : "open loop on ArmNet")}, noise {config.Controller.ExplorationNoiseStd.ToString(CultureInfo.InvariantCulture)})";
        console.MarkupLineInterpolated($"Generating {total} trajectories of {steps} steps on [blue]{config.Plant.Model}[/] from {what}.");

        var partial = PreparePartialFolder(output, config);
        var chunks = new List<int>();
        for (var done = 0; done < total; done += ChunkSize)
        {
            chunks.Add(Math.Min(ChunkSize, total - done));
        }

        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("simulating", maxValue: total);
                var done = 0;
                for (var i = 0; i < chunks.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var chunkPath = ChunkPath(partial, i);
                    if (!File.Exists(chunkPath))
                    {
                        var batch = source is null
                            ? Excited(config, plants, i, chunks[i], cancellationToken)
                            : source.Reach(config, plants, i, chunks[i], cancellationToken);
                        TrajectoryBatchHdf5.Write(chunkPath, batch);
                    }

                    done += chunks[i];
                    task.Value = done;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"simulating: {done}/{total} trajectories");
                }

                task.StopTask();
            });

        var all = TrajectoryBatch.Concatenate([.. Enumerable.Range(0, chunks.Count).Select(i => TrajectoryBatchHdf5.Read(ChunkPath(partial, i)))]);
        if (config.TestOut is { } testOut)
        {
            var testCount = Math.Clamp((int)Math.Round(all.BatchSize * config.InitialData.TestFraction), 1, all.BatchSize - 1);
            var trainCount = all.BatchSize - testCount;
            var train = all.SelectBatch([.. Enumerable.Range(0, trainCount)]);
            var test = all.SelectBatch([.. Enumerable.Range(trainCount, testCount)]);
            TrajectoryBatchHdf5.Write(output, train);
            TrajectoryBatchHdf5.Write(testOut, test);
            Describe(train, output);
            Describe(test, testOut);
        }
        else
        {
            TrajectoryBatchHdf5.Write(output, all);
            Describe(all, output);
        }

        Directory.Delete(partial, recursive: true);
        return 0;
    }

    private void Describe(TrajectoryBatch batch, string path) => console.MarkupLineInterpolated(
        $"Wrote {batch.BatchSize} trajectories × {batch.Steps} steps × {batch.Layout.Count} state channels ({batch.ExcitationNames.Count} excitations, dt {batch.Dt.ToString(CultureInfo.InvariantCulture)} s) to [blue]{Path.GetFullPath(path)}[/]");

    /// <summary>The chunk folder of <paramref name="output"/>: kept when it was written with the same configuration,
    /// emptied otherwise.</summary>
    private string PreparePartialFolder(string output, GenerateConfiguration config)
    {
        var partial = output + ".partial";
        var configPath = Path.Combine(partial, PartialConfigFileName);
        var json = CommandConfigurationFile.ToJson(config);
        if (Directory.Exists(partial))
        {
            if (File.Exists(configPath) && File.ReadAllText(configPath) == json)
            {
                var kept = Directory.GetFiles(partial, "chunk-*.h5").Length;
                if (kept > 0)
                {
                    console.MarkupLineInterpolated($"Continuing: {kept} chunk(s) of an interrupted run are in [blue]{partial}[/].");
                }

                return partial;
            }

            console.MarkupLineInterpolated($"[yellow]Discarding[/] the chunks in [blue]{partial}[/]: they were made with another configuration.");
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial);
        AtomicFile.WriteText(configPath, w => w.Write(json));
        return partial;
    }

    private static string ChunkPath(string partial, int chunk) => Path.Combine(partial, string.Create(CultureInfo.InvariantCulture, $"chunk-{chunk:D5}.h5"));

    private static TrajectoryBatch Excited(GenerateConfiguration config, PipelinePlants plants, int chunk, int count, CancellationToken cancellationToken)
    {
        var shape = new DatasetShapeOptions { BatchSize = count, BatchCount = 1, Steps = config.InitialData.Steps, Seed = config.Seed + (ulong)chunk, Generation = 0 };
        var generator = new SmoothRandomExcitation(config.InitialData.Excitation);
        return new GeneratedDatasetSource(plants.Plant, generator, shape).ReadBatches(cancellationToken).Single();
    }

    /// <summary>The networks of controller-made data, loaded once.</summary>
    private sealed class ControllerSource : IDisposable
    {
        private readonly ControllerNet _controller;
        private readonly ArmNet? _armNet;
        private readonly CenterOutTask _task;

        private ControllerSource(ControllerNet controller, ArmNet? armNet, CenterOutTask task)
        {
            _controller = controller;
            _armNet = armNet;
            _task = task;
        }

        public static ControllerSource Open(ControllerDataConfiguration config, int steps, PipelinePlants plants, torch.Device device)
        {
            var path = CommandConfigurationFile.RequireFile(config.Checkpoint, "--controller", "a ControllerNet checkpoint");
            var task = config.Task ?? ControllerCheckpointTask.Read(path, "--controller").Task;
            TaskStepsError.EnsureFits(task, steps, plants.Plant);
            var layout = plants.Plant.Layout;
            ArmNet? armNet = config.Mode == NewDataMode.OpenLoop
                ? ArmNetCheckpoint.Load(CommandConfigurationFile.RequireFile(config.ArmNet, "--armnet", "the ArmNet checkpoint for --mode open"), layout, device)
                : null;
            try
            {
                var controller = ControllerNetCheckpoint.Load(path, layout, device);
                controller.eval();
                return new ControllerSource(controller, armNet, new CenterOutTask(task));
            }
            catch
            {
                armNet?.Dispose();
                throw;
            }
        }

        /// <summary>Chunk <paramref name="chunk"/>: <paramref name="count"/> reaches from starting states sampled
        /// around the centre posture (<c>Plant.TrainingPostureRange</c>), as the pipeline's new data.</summary>
        public TrajectoryBatch Reach(GenerateConfiguration config, PipelinePlants plants, int chunk, int count, CancellationToken cancellationToken)
        {
            var options = config.Controller!;
            var plant = plants.Plant;
            var random = new DeterministicRandom(config.Seed);
            var stream = random.Fork(1).Fork((ulong)chunk);
            var noiseSeed = random.Fork(2).NextUInt64() + (ulong)chunk;
            var start = new TrajectoryArray(count, 1, plant.Layout.Count);
            var requested = new double[start.Length];
            plants.TrainingStarts.SampleInitialStates(stream.Fork(0), requested);
            plant.Reset(requested, start.AsSpan());
            var trials = _task.CreateBatch(count, config.InitialData.Steps, plant.Dt, start, plant.Layout, stream.Fork(1));
            var noisy = new ExcitationNoiseController(_controller, options.ExplorationNoiseStd, noiseSeed);
            var batch = _armNet is null
                ? new ClosedLoop(plant, noisy).Run(start, trials.Inputs, 0, cancellationToken)
                : new OpenLoop(_armNet, plant, noisy).Run(start, trials.Inputs, 0, cancellationToken).Reference;
            return batch.WithProvenance(
            [
                new("source", options.Mode == NewDataMode.ClosedLoop ? "closed-loop" : "open-loop"),
                new("controller", Path.GetFileName(options.Checkpoint!)),
                new("task", _task.Description),
                new("exploration_noise_std", options.ExplorationNoiseStd.ToString("R", CultureInfo.InvariantCulture)),
            ]);
        }

        public void Dispose()
        {
            _controller.Dispose();
            _armNet?.Dispose();
        }
    }
}
