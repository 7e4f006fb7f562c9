using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Data;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Sweeps;
using ScottPlot;

namespace ArmRnn.Reporting;

/// <summary>Writes <c>sweep.md</c>, <c>sweep.json</c> and one plot per grid axis (validation VAF against the axis) for
/// a folder of <see cref="HyperparameterSweep"/> results.</summary>
public static class SweepReport
{
    /// <summary>Writes the report of the points complete so far; returns the path of <c>sweep.md</c>.</summary>
    /// <param name="folder">The sweep folder.</param>
    /// <param name="gridSize">The number of grid points (to say how many are missing).</param>
    /// <exception cref="InvalidDataException">No point is complete.</exception>
    public static string Write(string folder, int gridSize)
    {
        var results = HyperparameterSweep.ReadResults(folder);
        if (results.Count == 0)
        {
            throw new InvalidDataException($"{folder}: no sweep point is complete yet.");
        }

        var axes = new (string Name, string File, Func<SweepPoint, double> Value, bool Log)[]
        {
            ("batch size", "vaf-vs-batch-size.png", p => p.BatchSize, true),
            ("learning rate", "vaf-vs-learning-rate.png", p => p.LearningRate, true),
            ("hidden units", "vaf-vs-hidden-units.png", p => p.HiddenSize, true),
            ("cell (0 GRU, 1 LSTM)", "vaf-vs-cell.png", p => (int)p.Cell, false),
            ("layers", "vaf-vs-layers.png", p => p.Layers, false),
            ("weight decay", "vaf-vs-weight-decay.png", p => p.WeightDecay, false),
            ("gradient clip norm", "vaf-vs-gradient-clip.png", p => p.GradientClipNorm, false),
        };
        var plots = new List<string>();
        foreach (var axis in axes)
        {
            if (results.Select(r => axis.Value(r.Point)).Distinct().Count() < 2)
            {
                continue;
            }

            var plot = new Plot();
            var x = results.Select(r => axis.Log ? Math.Log10(axis.Value(r.Point)) : axis.Value(r.Point)).ToArray();
            var hand = plot.Add.ScatterPoints(x, results.Select(r => Clip((r.HandXVaf + r.HandYVaf) / 2)).ToArray());
            hand.LegendText = "hand x/y mean";
            hand.MarkerSize = 8;
            var all = plot.Add.ScatterPoints(x, results.Select(r => Clip(r.MeanVaf)).ToArray());
            all.LegendText = "all channels";
            all.MarkerSize = 6;
            all.MarkerShape = MarkerShape.OpenCircle;
            plot.Title($"Validation VAF against {axis.Name}");
            plot.XLabel(axis.Log ? $"log10 {axis.Name}" : axis.Name);
            plot.YLabel("validation VAF (%)");
            plot.ShowLegend(Alignment.LowerRight);
            PngFile.Save(plot, Path.Combine(folder, axis.File));
            plots.Add(axis.File);
        }

        var json = new JsonObject
        {
            ["grid_points"] = gridSize,
            ["complete_points"] = results.Count,
            ["points"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
            {
                ["index"] = r.Point.Index,
                ["batch_size"] = r.Point.BatchSize,
                ["learning_rate"] = r.Point.LearningRate,
                ["hidden_size"] = r.Point.HiddenSize,
                ["cell"] = r.Point.Cell.ToString(),
                ["layers"] = r.Point.Layers,
                ["weight_decay"] = r.Point.WeightDecay,
                ["gradient_clip_norm"] = r.Point.GradientClipNorm,
                ["validation_loss"] = Number(r.BestValidationLoss),
                ["hand_x_vaf"] = Number(r.HandXVaf),
                ["hand_y_vaf"] = Number(r.HandYVaf),
                ["mean_vaf"] = Number(r.MeanVaf),
                ["epochs"] = r.Epochs,
                ["seconds"] = r.Seconds,
            })]),
        };
        RunFolder.WriteJson(Path.Combine(folder, "sweep.json"), json);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# ArmNet hyperparameter sweep\n\n{results.Count} of {gridSize} grid points complete, best first (validation data).\n\n");
        text.Append("| point | batch | learning rate | hidden | cell | layers | L2 | clip | hand x VAF (%) | hand y VAF (%) | mean VAF (%) | validation loss | s |\n");
        text.Append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var r in results.OrderByDescending(r => double.IsNaN(r.HandXVaf + r.HandYVaf) ? double.NegativeInfinity : r.HandXVaf + r.HandYVaf))
        {
            var p = r.Point;
            text.Append(CultureInfo.InvariantCulture, $"| {p.Index} | {p.BatchSize} | {p.LearningRate:G3} | {p.HiddenSize} | {p.Cell} | {p.Layers} | {p.WeightDecay:G3} | {p.GradientClipNorm:G3} | {r.HandXVaf:F2} | {r.HandYVaf:F2} | {r.MeanVaf:F2} | {r.BestValidationLoss:G4} | {r.Seconds:F1} |\n");
        }

        text.Append('\n');
        foreach (var plot in plots)
        {
            text.Append(CultureInfo.InvariantCulture, $"![{plot}]({plot})\n\n");
        }

        var path = Path.Combine(folder, "sweep.md");
        AtomicFile.WriteText(path, w => w.Write(text.ToString()));
        return path;
    }

    /// <summary>VAF can be hugely negative for a diverged point; plots show it clipped at −100%.</summary>
    private static double Clip(double vaf) => double.IsFinite(vaf) ? Math.Max(vaf, -100) : -100;

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
