using System.Globalization;
using System.Text.Json.Nodes;
using ArmRnn.Cli.Configuration;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Metrics;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Reporting;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Platform;
using ArmRnn.Torch.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn evaluate</c>: ArmNet's VAF per channel on test data, and (with <c>--controller</c>) ControllerNet on the
/// centre-out task from the centre posture, driving the real plant and ArmNet: endpoint error per target, deviation
/// from the straight line, peak speed and movement time, and the gap between the two end points.
/// </summary>
internal sealed class EvaluateCommand(IAnsiConsole console) : Command<EvaluateSettings>
{
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        var config = EvaluateConfiguration.Resolve(settings);
        if (settings.PrintConfig)
        {
            console.WriteLine(CommandConfigurationFile.ToJson(config));
            return 0;
        }

        var armNetPath = CommandConfigurationFile.RequireFile(config.ArmNet, "--armnet", "the ArmNet checkpoint to evaluate");
        if (config.Data.Count == 0 && config.Controller is null)
        {
            throw new ArgumentException("--data/--controller: give test data to score ArmNet on (--data), a controller to run the centre-out task with (--controller), or both.");
        }

        if (config.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var device = TorchDevice.Resolve(config.Device);
        var json = new JsonObject();
        if (config.Data.Count > 0)
        {
            var data = DatasetFiles.Read(config.Data);
            using var armNet = ArmNetCheckpoint.Load(armNetPath, data.Layout, device);
            var scores = ArmNetTrainer.Evaluate(armNet, data);
            json["armnet"] = ShowArmNet(config, armNetPath, data, scores);
        }

        if (config.Controller is not null)
        {
            json["controller"] = RunController(config, armNetPath, device, cancellationToken);
        }

        if (config.Json is { } jsonPath)
        {
            AtomicFile.WriteText(jsonPath, w => w.Write(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })));
            console.MarkupLineInterpolated($"Numbers: [blue]{Path.GetFullPath(jsonPath)}[/]");
        }

        return 0;
    }

    private JsonObject ShowArmNet(EvaluateConfiguration config, string armNetPath, TrajectoryBatch data, ChannelScores scores)
    {
        var hand = data.Layout.IndicesOf(ChannelGroup.HandPosition);
        var handX = hand.Length >= 2 ? data.Layout[hand[0]] : null;
        var handY = hand.Length >= 2 ? data.Layout[hand[1]] : null;
        var lowest = scores.Scores.Where(s => double.IsFinite(s.Vaf)).OrderBy(s => s.Vaf).Take(config.LowestChannels).ToList();

        var table = new Table()
            .Title(Markup.Escape($"ArmNet {Path.GetFileName(armNetPath)} on {data.BatchSize} test trajectories × {data.Steps} steps"))
            .AddColumns("channel", "VAF (%)", "RMSE");
        if (handX is not null && handY is not null)
        {
            table.AddRow(Markup.Escape($"hand x ({handX.Name})"), F(scores.VafOf(handX.Name)), Rmse(scores[handX.Name].Rmse, handX.Unit));
            table.AddRow(Markup.Escape($"hand y ({handY.Name})"), F(scores.VafOf(handY.Name)), Rmse(scores[handY.Name].Rmse, handY.Unit));
        }

        table.AddRow($"mean over {scores.Scores.Count(s => double.IsFinite(s.Vaf))} channels", F(scores.MeanVaf), string.Empty);
        table.AddEmptyRow();
        foreach (var score in lowest)
        {
            table.AddRow(Markup.Escape($"lowest: {score.Channel}"), F(score.Vaf), Rmse(score.Rmse, data.Layout[data.Layout.IndexOf(score.Channel)].Unit));
        }

        console.Write(table);
        return new JsonObject
        {
            ["checkpoint"] = Path.GetFullPath(armNetPath),
            ["data"] = new JsonArray([.. config.Data.Select(d => (JsonNode?)JsonValue.Create(Path.GetFullPath(d)))]),
            ["trajectories"] = data.BatchSize,
            ["steps"] = data.Steps,
            ["vaf_percent"] = new JsonObject
            {
                ["hand_x"] = handX is null ? null : Number(scores.VafOf(handX.Name)),
                ["hand_y"] = handY is null ? null : Number(scores.VafOf(handY.Name)),
                ["mean"] = Number(scores.MeanVaf),
            },
            ["lowest_channels"] = new JsonArray([.. lowest.Select(s => (JsonNode?)Channel(s, data.Layout))]),
            ["channels"] = new JsonArray([.. scores.Scores.Select(s => (JsonNode?)Channel(s, data.Layout))]),
        };
    }

    private JsonObject RunController(EvaluateConfiguration config, string armNetPath, torch.Device device, CancellationToken cancellationToken)
    {
        var stored = ControllerCheckpointTask.Read(config.Controller!, "--controller");
        var task = config.Task ?? stored.Task;
        var steps = config.Steps ?? stored.Steps;
        var plants = config.Plant.CreatePlants();
        TaskStepsError.EnsureFits(task, steps, plants.Plant);
        using var armNet = ArmNetCheckpoint.Load(armNetPath, plants.Plant.Layout, device);
        using var controller = ControllerNetCheckpoint.Load(config.Controller!, plants.Plant.Layout, device);
        ControllerEvaluation evaluation = null!;
        console.Status().Start(
            string.Create(CultureInfo.InvariantCulture, $"{task.TargetCount} centre-out reaches of {steps} steps on {config.Plant.Model} and on ArmNet"),
            _ => evaluation = CenterOutEvaluation.Run(plants.Plant, plants.Home, armNet, controller, task, steps, new DeterministicRandom(config.Seed), 0, cancellationToken).Evaluation);

        var centerOut = new CenterOutTask(task);
        var real = evaluation.RealPlant;
        var surrogate = evaluation.ArmNet;
        var table = new Table()
            .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"ControllerNet {Path.GetFileName(config.Controller)}: centre-out {task.Radius * 100:0.#} cm from the centre posture (errors and deviations in cm)")))
            .AddColumns("target", "angle (°)", "error plant", "error ArmNet", "deviation plant", "deviation ArmNet", "peak speed (m/s)", "time (s)");
        for (var k = 0; k < real.EndpointErrorByTarget.Count; k++)
        {
            table.AddRow(
                k.ToString(CultureInfo.InvariantCulture),
                (centerOut.TargetAngle(k) * 180 / Math.PI).ToString("0.#", CultureInfo.InvariantCulture),
                F(real.EndpointErrorByTarget[k] * 100),
                F(surrogate.EndpointErrorByTarget[k] * 100),
                F(real.PathDeviationByTarget[k] * 100),
                F(surrogate.PathDeviationByTarget[k] * 100),
                F(real.PeakSpeedByTarget[k]),
                F(real.MovementTimeByTarget[k]));
        }

        table.AddRow("mean", string.Empty, F(real.MeanEndpointError * 100), F(surrogate.MeanEndpointError * 100), F(real.MeanPathDeviation * 100), F(surrogate.MeanPathDeviation * 100), F(real.MeanPeakSpeed), F(real.MeanMovementTime));
        table.AddRow("max", string.Empty, string.Empty, string.Empty, F(real.MaxPathDeviation * 100), F(surrogate.MaxPathDeviation * 100), string.Empty, string.Empty);
        console.Write(table);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Mean distance between the end points on ArmNet and on the real plant: {evaluation.MeanEndpointGap * 100:F2} cm. On ArmNet: peak speed {surrogate.MeanPeakSpeed:F2} m/s, movement time {F(surrogate.MeanMovementTime)} s.");
        return new JsonObject
        {
            ["checkpoint"] = Path.GetFullPath(config.Controller!),
            ["targets"] = task.TargetCount,
            ["radius_m"] = task.Radius,
            ["steps"] = steps,
            ["dt_s"] = plants.Plant.Dt,
            ["real_plant"] = ReachEvaluationJson.ToJson(real),
            ["armnet"] = ReachEvaluationJson.ToJson(surrogate),
            ["mean_endpoint_gap_m"] = Number(evaluation.MeanEndpointGap),
        };
    }

    private static JsonObject Channel(ChannelScore score, StateLayout layout) => new()
    {
        ["name"] = score.Channel,
        ["unit"] = layout[layout.IndexOf(score.Channel)].Unit,
        ["vaf_percent"] = Number(score.Vaf),
        ["rmse"] = Number(score.Rmse),
    };

    /// <summary>A JSON number, or null for NaN and infinities (JSON has none).</summary>
    private static JsonNode? Number(double value) => ReachEvaluationJson.Number(value);

    private static string F(double value) => double.IsFinite(value) ? value.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Rmse(double value, string unit) => double.IsFinite(value)
        ? Markup.Escape(value.ToString("G4", CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(unit) || unit == "1" ? string.Empty : " " + unit))
        : "n/a";
}
