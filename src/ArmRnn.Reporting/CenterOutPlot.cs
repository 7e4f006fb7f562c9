using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Metrics;
using ScottPlot;

namespace ArmRnn.Reporting;

/// <summary>The centre-out reaches of one controller generation: hand paths on the real plant and on ArmNet, and
/// hand speed profiles.</summary>
internal static class CenterOutPlot
{
    public static string WritePaths(string plotFolder, int generation, TrajectoryBatch plant, TrajectoryBatch armNet, HandChannels hand, double radius)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var plantPaths = HandPath.Extract(plant, hand);
        var armNetPaths = HandPath.Extract(armNet, hand);
        var (hx, hy, _) = hand.IndicesIn(plant.Layout);
        for (var b = 0; b < plant.BatchSize; b++)
        {
            var color = palette.GetColor(b);
            var start = plant.InitialStates.At(b, 0);
            var real = plot.Add.ScatterLine(Prepend(start[hx], plantPaths, b, 0), Prepend(start[hy], plantPaths, b, 1));
            real.Color = color;
            real.LineWidth = 2;
            real.LegendText = b == 0 ? "real plant" : string.Empty;
            var surrogate = plot.Add.ScatterLine(Prepend(start[hx], armNetPaths, b, 0), Prepend(start[hy], armNetPaths, b, 1));
            surrogate.Color = color;
            surrogate.LineWidth = 2;
            surrogate.LinePattern = LinePattern.Dotted;
            surrogate.LegendText = b == 0 ? "ArmNet" : string.Empty;
            var angle = 2 * Math.PI * b / plant.BatchSize;
            var target = plot.Add.Circle(start[hx] + (radius * Math.Cos(angle)), start[hy] + (radius * Math.Sin(angle)), radius * 0.08);
            target.LineColor = color;
            target.FillColor = color.WithAlpha(0.3);
        }

        plot.Axes.SquareUnits();
        plot.Title($"ControllerNet gen {generation}: centre-out reaches (solid: real plant, dotted: ArmNet)");
        plot.XLabel("hand x (m)");
        plot.YLabel("hand y (m)");
        plot.ShowLegend(Alignment.UpperRight);
        var name = $"gen{generation}-centerout.png";
        PngFile.Save(plot, Path.Combine(plotFolder, name), 800, 800);
        return name;
    }

    public static string WriteSpeeds(string plotFolder, int generation, TrajectoryBatch plant, HandChannels hand)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var paths = HandPath.Extract(plant, hand);
        var times = Enumerable.Range(0, plant.Steps).Select(plant.StateTime).ToArray();
        for (var b = 0; b < plant.BatchSize; b++)
        {
            var speeds = new double[plant.Steps];
            for (var t = 1; t < plant.Steps; t++)
            {
                var now = paths.At(b, t);
                var before = paths.At(b, t - 1);
                speeds[t] = Math.Sqrt(Math.Pow(now[0] - before[0], 2) + Math.Pow(now[1] - before[1], 2) + Math.Pow(now[2] - before[2], 2)) / plant.Dt;
            }

            var line = plot.Add.ScatterLine(times, speeds);
            line.Color = palette.GetColor(b);
            line.LineWidth = 2;
            line.LegendText = $"target {b}";
        }

        plot.Title($"ControllerNet gen {generation} on the real plant: hand speed");
        plot.XLabel("time (s)");
        plot.YLabel("hand speed (m/s)");
        plot.ShowLegend(Alignment.UpperRight);
        var name = $"gen{generation}-speed.png";
        PngFile.Save(plot, Path.Combine(plotFolder, name));
        return name;
    }

    private static double[] Prepend(double first, TrajectoryArray paths, int batch, int axis)
    {
        var values = new double[paths.Steps + 1];
        values[0] = first;
        for (var t = 0; t < paths.Steps; t++)
        {
            values[t + 1] = paths[batch, t, axis];
        }

        return values;
    }
}
