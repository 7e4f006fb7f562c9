using ArmRnn.Data;
using ArmRnn.Layouts;
using ScottPlot;

namespace ArmRnn.Reporting;

/// <summary>ArmNet's predictions over the plant's trajectories on test trials: the hand and a few muscle channels.</summary>
internal static class ArmNetOverlayPlot
{
    /// <summary>Writes one PNG per channel panel set and returns the file names (relative to the plot folder).</summary>
    public static IReadOnlyList<string> Write(string plotFolder, int generation, TrajectoryBatch plant, TrajectoryBatch armNet, HandChannels hand, int trials = 3)
    {
        var files = new List<string>();
        var channels = new List<(string Channel, string Label)> { (hand.X, "hand x (m)"), (hand.Y, "hand y (m)") };
        channels.AddRange(MuscleChannels(plant.Layout));
        var times = Enumerable.Range(0, plant.Steps).Select(plant.StateTime).ToArray();
        foreach (var (channel, label) in channels)
        {
            var index = plant.Layout.IndexOf(channel);
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            for (var b = 0; b < Math.Min(trials, plant.BatchSize); b++)
            {
                var color = palette.GetColor(b);
                var real = plot.Add.ScatterLine(times, Column(plant.States, b, index));
                real.Color = color;
                real.LineWidth = 2;
                real.LegendText = $"trial {b}: plant";
                var predicted = plot.Add.ScatterLine(times, Column(armNet.States, b, index));
                predicted.Color = color;
                predicted.LineWidth = 2;
                predicted.LinePattern = LinePattern.Dotted;
                predicted.LegendText = $"trial {b}: ArmNet";
            }

            plot.Title($"ArmNet gen {generation} vs plant on gen {generation} test trials: {channel}");
            plot.XLabel("time (s)");
            plot.YLabel(label);
            plot.ShowLegend(Alignment.UpperRight);
            var name = $"gen{generation}-armnet-vs-plant-{Slug(channel)}.png";
            PngFile.Save(plot, Path.Combine(plotFolder, name));
            files.Add(name);
        }

        return files;
    }

    /// <summary>The first activation and the first tendon force channel of the layout, when it has them.</summary>
    private static IEnumerable<(string, string)> MuscleChannels(StateLayout layout)
    {
        foreach (var (group, unit) in new[] { (ChannelGroup.Activation, "activation"), (ChannelGroup.TendonForce, "tendon force (N)") })
        {
            var indices = layout.IndicesOf(group);
            if (indices.Length > 0)
            {
                yield return (layout[indices[0]].Name, unit);
            }
        }
    }

    private static double[] Column(TrajectoryArray states, int batch, int channel)
    {
        var values = new double[states.Steps];
        for (var t = 0; t < states.Steps; t++)
        {
            values[t] = states[batch, t, channel];
        }

        return values;
    }

    internal static string Slug(string channel) =>
        new string([.. channel.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '_')]).Trim('_');
}
