using ArmRnn.Torch.Training;
using ScottPlot;

namespace ArmRnn.Reporting;

/// <summary>Training curves of every generation: ArmNet's validation loss per epoch and ControllerNet's loss per
/// reported iteration.</summary>
internal static class TrainingCurvePlot
{
    public static string WriteArmNet(string plotFolder, IReadOnlyList<IReadOnlyList<ArmNetEpochReport>> generations)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var g = 0; g < generations.Count; g++)
        {
            var reports = generations[g];
            var validation = plot.Add.ScatterLine(reports.Select(r => (double)r.Epoch + 1).ToArray(), reports.Select(r => Math.Log10(r.ValidationLoss)).ToArray());
            validation.Color = palette.GetColor(g);
            validation.LineWidth = 2;
            validation.LegendText = $"gen {g} validation";
            var training = plot.Add.ScatterLine(reports.Select(r => (double)r.Epoch + 1).ToArray(), reports.Select(r => Math.Log10(r.TrainingLoss)).ToArray());
            training.Color = palette.GetColor(g);
            training.LinePattern = LinePattern.Dotted;
            training.LegendText = $"gen {g} training";
        }

        plot.Title("ArmNet training (weighted MSE, normalised units)");
        plot.XLabel("epoch");
        plot.YLabel("log10 loss");
        plot.ShowLegend(Alignment.UpperRight);
        const string name = "armnet-training.png";
        PngFile.Save(plot, Path.Combine(plotFolder, name));
        return name;
    }

    public static string WriteController(string plotFolder, IReadOnlyList<IReadOnlyList<ControllerIterationReport>> generations)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var g = 0; g < generations.Count; g++)
        {
            var reports = generations[g];
            var distance = plot.Add.ScatterLine(reports.Select(r => (double)r.Iteration + 1).ToArray(), reports.Select(r => r.MeanFinalDistance * 100).ToArray());
            distance.Color = palette.GetColor(g);
            distance.LineWidth = 2;
            distance.LegendText = $"gen {g}";
        }

        plot.Title("ControllerNet training through ArmNet: mean final distance to the target");
        plot.XLabel("iteration");
        plot.YLabel("distance on ArmNet (cm)");
        plot.ShowLegend(Alignment.UpperRight);
        const string name = "controller-training.png";
        PngFile.Save(plot, Path.Combine(plotFolder, name));
        return name;
    }
}
