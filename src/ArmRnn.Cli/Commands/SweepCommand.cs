using System.Globalization;
using System.Text.Json;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Options;
using ArmRnn.Cli.Progress;
using ArmRnn.Reporting;
using ArmRnn.Torch.Platform;
using ArmRnn.Torch.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn sweep</c>: ArmNet trained at every point of a hyperparameter grid on one fixed dataset, one result file
/// per point (resumable; <c>--point i</c> runs one point, so a cluster scheduler can fan the grid out), then a table
/// and plots of validation VAF against each axis.
/// </summary>
internal sealed class SweepCommand(IAnsiConsole console) : Command<SweepSettings>
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public override int Execute(CommandContext context, SweepSettings settings, CancellationToken cancellationToken)
    {
        var options = Resolve(settings);
        if (settings.PrintConfig)
        {
            console.WriteLine(JsonSerializer.Serialize(options, Json));
            return 0;
        }

        if (settings.List)
        {
            for (var i = 0; i < options.Grid.Count; i++)
            {
                var p = options.Grid[i];
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i}: batch {p.BatchSize}, lr {p.LearningRate:G3}, hidden {p.HiddenSize}, {p.Cell}, layers {p.Layers}, L2 {p.WeightDecay:G3}, clip {p.GradientClipNorm:G3}"));
            }

            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.Grid.Count} points"));
            return 0;
        }

        if (settings.Data.Length == 0)
        {
            throw new ArgumentException("--data: give the dataset to sweep on (an HDF5 file from 'armrnn generate').");
        }

        if (settings.Point is { } only && only >= options.Grid.Count)
        {
            throw new ArgumentException($"--point {only}: the grid has {options.Grid.Count} points (0 to {options.Grid.Count - 1}).");
        }

        if (settings.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var data = TrajectoryBatch.Concatenate([.. settings.Data.Select(f => TrajectoryBatchHdf5.Read(File.Exists(f) ? f : throw new FileNotFoundException($"--data: no file '{f}'.", f)))]);
        var sweep = new HyperparameterSweep(options, data, HandOf(data.Layout), TorchDevice.Resolve(settings.Device));
        sweep.Prepare(settings.Out);
        var points = settings.Point is { } index ? [index] : Enumerable.Range(0, options.Grid.Count).ToArray();
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var overall = progress.AddTask($"sweep ({points.Length} of {options.Grid.Count} points)", maxValue: points.Length);
                foreach (var point in points)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var p = options.Grid[point];
                    var task = progress.AddTask(string.Create(CultureInfo.InvariantCulture, $"point {point}: batch {p.BatchSize}, lr {p.LearningRate:G3}, hidden {p.HiddenSize}, {p.Cell}"), maxValue: options.Training.Epochs);
                    var result = sweep.RunPoint(settings.Out, point, new SynchronousProgress<Torch.Training.ArmNetEpochReport>(r => task.Value = r.Epoch + 1), cancellationToken);
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"point {point}: hand x {result.HandXVaf:F2}% y {result.HandYVaf:F2}%");
                    task.Value = task.MaxValue;
                    task.StopTask();
                    overall.Increment(1);
                }
            });

        var report = SweepReport.Write(settings.Out, options.Grid.Count);
        console.MarkupLineInterpolated($"Sweep report: [blue]{Path.GetFullPath(report)}[/] ({HyperparameterSweep.ReadResults(settings.Out).Count} of {options.Grid.Count} points complete).");
        return 0;
    }

    private static HandChannels HandOf(StateLayout layout)
    {
        var hand = layout.IndicesOf(ChannelGroup.HandPosition);
        return hand.Length >= 2
            ? new HandChannels(layout[hand[0]].Name, layout[hand[1]].Name, hand.Length > 2 ? layout[hand[2]].Name : null)
            : throw new ArgumentException($"--data: layout '{layout.Name}' has no hand position channels to score.");
    }

    private static SweepOptions Resolve(SweepSettings settings)
    {
        SweepOptions options;
        if (settings.Config is not null)
        {
            var path = File.Exists(settings.Config) ? settings.Config : throw new FileNotFoundException($"--config: no file '{settings.Config}'.", settings.Config);
            try
            {
                options = JsonSerializer.Deserialize<SweepOptions>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: the configuration is 'null'.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
        }
        else
        {
            options = settings.Quick ? SweepOptions.Quick() : SweepOptions.Poster();
        }

        if (settings.Epochs is { } epochs)
        {
            options.Training.Epochs = epochs;
        }

        return options.EnsureValid();
    }
}
