using ArmRnn.Data;
using ScottPlot;

namespace ArmRnn.Cli.Plotting;

/// <summary>PNG plots of simulated channels over reference channels (ScottPlot).</summary>
internal static class OverlayPlot
{
    /// <summary>
    /// Writes one PNG (atomically) with the given channels over time: each reference channel as a solid line, the
    /// simulated one dashed in the same colour.
    /// </summary>
    /// <param name="path">PNG path.</param>
    /// <param name="title">Plot title.</param>
    /// <param name="yLabel">Y-axis label (with unit).</param>
    /// <param name="reference">Reference table.</param>
    /// <param name="actual">Simulated table.</param>
    /// <param name="channels">Channels with a legend label and a scale (e.g. 180/π for degrees).</param>
    /// <param name="referenceName">Legend name of the reference.</param>
    /// <param name="actualName">Legend name of the simulation.</param>
    public static void Write(string path, string title, string yLabel, StorageTable reference, StorageTable actual,
        IReadOnlyList<(string Channel, string Label, double Scale)> channels, string referenceName, string actualName)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var referenceTimes = reference.GetTimes();
        var actualTimes = actual.GetTimes();
        for (var i = 0; i < channels.Count; i++)
        {
            var (channel, label, scale) = channels[i];
            var color = palette.GetColor(i);
            var expected = plot.Add.ScatterLine(referenceTimes, reference.GetColumn(channel).Select(v => v * scale).ToArray());
            expected.Color = color;
            expected.LineWidth = 2;
            expected.LegendText = $"{label} ({referenceName})";
            var simulated = plot.Add.ScatterLine(actualTimes, actual.GetColumn(channel).Select(v => v * scale).ToArray());
            simulated.Color = color;
            simulated.LineWidth = 2;
            simulated.LinePattern = LinePattern.Dashed;
            simulated.LegendText = $"{label} ({actualName})";
        }

        plot.Title(title);
        plot.XLabel("time (s)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var temporary = Path.Combine(folder ?? ".", $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp.png");
        plot.SavePng(temporary, 900, 500);
        File.Move(temporary, path, overwrite: true);
    }
}
