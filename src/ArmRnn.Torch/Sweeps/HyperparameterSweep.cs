using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Options;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Platform;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Sweeps;

/// <summary>
/// Trains ArmNet at every point of a <see cref="SweepGrid"/> on one fixed dataset and records each point's
/// validation scores in its own file (<c>point-&lt;i&gt;.json</c>) of the sweep folder. Points are independent: a
/// finished point is never recomputed, an interrupted one resumes from its training checkpoint, and separate
/// processes (e.g. a Slurm array, one <see cref="RunPoint"/> each) may fill one folder.
/// </summary>
public sealed class HyperparameterSweep
{
    /// <summary>The sweep's configuration file in its folder.</summary>
    public const string ConfigFileName = "sweep-config.json";

    private readonly SweepOptions _options;
    private readonly TrajectoryBatch _data;
    private readonly HandChannels _hand;
    private readonly torch.Device _device;

    /// <summary>Creates the sweep.</summary>
    /// <param name="options">Grid and shared training settings (copied, validated).</param>
    /// <param name="data">The fixed dataset (split into training and validation by the trainer's seed).</param>
    /// <param name="hand">The hand channels whose VAF is reported.</param>
    /// <param name="device">Where to train; <see cref="TorchDevice.Default"/> when null.</param>
    public HyperparameterSweep(SweepOptions options, TrajectoryBatch data, HandChannels hand, torch.Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hand);
        _options = options.EnsureValid();
        _data = data;
        _hand = hand;
        _device = device ?? TorchDevice.Default;
    }

    /// <summary>The grid.</summary>
    public SweepGrid Grid => _options.Grid;

    /// <summary>The file of point <paramref name="index"/>'s result.</summary>
    public static string PointPath(string folder, int index) => Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"point-{index:D4}.json"));

    /// <summary>Checks (or writes) the folder's configuration: the options and a fingerprint of the data.</summary>
    /// <exception cref="RunConfigurationMismatchException">The folder holds a sweep with other settings or data.</exception>
    public void Prepare(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ConfigFileName);
        var configuration = new JsonObject
        {
            ["options"] = JsonSerializer.SerializeToNode(_options, CheckpointFile.JsonOptions),
            ["data"] = new JsonObject
            {
                ["trajectories"] = _data.BatchSize,
                ["steps"] = _data.Steps,
                ["channels"] = _data.Layout.Count,
                ["checksum"] = Checksum(_data),
            },
        };
        if (!File.Exists(path))
        {
            RunFolder.WriteJson(path, configuration);
            return;
        }

        var differences = JsonDifferences.Between(RunFolder.ReadJson(path), configuration);
        if (differences.Count > 0)
        {
            throw new RunConfigurationMismatchException(path, differences);
        }
    }

    /// <summary>Trains point <paramref name="index"/> (or reads its result when it is complete).</summary>
    public SweepPointResult RunPoint(string folder, int index, IProgress<ArmNetEpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var point = Grid[index];
        var path = PointPath(folder, index);
        if (File.Exists(path))
        {
            return Read(path);
        }

        var watch = Stopwatch.StartNew();
        var training = _options.Training.Clone();
        training.BatchSize = point.BatchSize;
        training.Optimization.LearningRate = point.LearningRate;
        training.Optimization.WeightDecay = point.WeightDecay;
        training.Optimization.GradientClipNorm = point.GradientClipNorm;
        training.Seed = _options.Seed;
        training.Hand = _hand;
        training.CheckpointPath = Path.ChangeExtension(path, ".training.ckpt");
        training.ResumeFromCheckpoint = true;
        torch.manual_seed((long)(_options.Seed >> 1));
        using var network = new ArmNet(
            _data.Layout,
            _data.ExcitationNames,
            _data.Dt,
            ChannelNormalization.FromData(_data, _data.Layout),
            new ArmNetOptions { HiddenSize = point.HiddenSize, Cell = point.Cell, Layers = point.Layers },
            _device);
        var result = new ArmNetTrainer(training).Train(network, _data, progress, cancellationToken);
        var scores = result.ValidationScores!;
        var outcome = new SweepPointResult(
            point,
            result.BestValidationLoss,
            scores.VafOf(_hand.X),
            scores.VafOf(_hand.Y),
            scores.MeanVaf,
            result.Reports.Count,
            watch.Elapsed.TotalSeconds);
        RunFolder.WriteJson(path, JsonSerializer.SerializeToNode(outcome, CheckpointFile.JsonOptions)!);
        File.Delete(training.CheckpointPath);
        return outcome;
    }

    /// <summary>The results of every complete point in <paramref name="folder"/>, by index.</summary>
    public static IReadOnlyList<SweepPointResult> ReadResults(string folder) =>
        [.. Directory.EnumerateFiles(folder, "point-*.json").Where(f => !f.EndsWith(".training.ckpt", StringComparison.Ordinal)).Select(Read).OrderBy(r => r.Point.Index)];

    private static SweepPointResult Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<SweepPointResult>(File.ReadAllText(path), CheckpointFile.JsonOptions)
                ?? throw new InvalidDataException($"{path}: the result is 'null'.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static double Checksum(TrajectoryBatch data)
    {
        var sum = 0.0;
        foreach (var value in data.States.AsSpan())
        {
            sum += value;
        }

        foreach (var value in data.Excitations.AsSpan())
        {
            sum += value;
        }

        return sum;
    }
}
