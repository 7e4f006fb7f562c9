using ArmRnn.Torch.Analysis;
using ScottPlot;

namespace ArmRnn.Cli.Plotting;

/// <summary>PNG plots of a controller analysis (ScottPlot): fixed points over the trajectories in PC space, eigenvalue
/// spectra, the jPCA plane, variance explained and the tangling histogram. Every file is written atomically.</summary>
internal static class AnalysisPlots
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Condition-averaged hidden trajectories on PC1/PC2 with each target's closed-loop fixed points (filled:
    /// stable; open: unstable), in the target's colour.</summary>
    public static void FixedPointsOnPcs(string path, ControllerAnalysisResult result)
    {
        var plot = new Plot();
        var average = result.Average;
        var projected = result.Components.Project(PopulationMatrix.Flatten(average.Hidden));
        for (var c = 0; c < average.Conditions; c++)
        {
            var xs = Enumerable.Range(0, average.Steps).Select(t => projected[(c * average.Steps) + t, 0]).ToArray();
            var ys = Enumerable.Range(0, average.Steps).Select(t => result.Components.Count > 1 ? projected[(c * average.Steps) + t, 1] : 0).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, Palette.GetColor(c));
            line.LineWidth = 1.5f;
            line.LegendText = $"target {c}";
            plot.Add.Marker(xs[0], ys[0], MarkerShape.FilledSquare, 6, Palette.GetColor(c));
        }

        foreach (var target in result.FixedPoints)
        {
            foreach (var point in target.Result.Points)
            {
                var pc = result.Components.Project(point.State.Take(target.ControllerUnits).ToArray());
                plot.Add.Marker(pc[0], pc.Length > 1 ? pc[1] : 0, point.IsStable ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, 11, Palette.GetColor(target.Target));
            }
        }

        plot.Title("Hidden trajectories and closed-loop fixed points (filled: stable, open: unstable)");
        plot.XLabel($"PC1 ({result.Components.VarianceExplained[0] * 100:0.#}% variance)");
        plot.YLabel(result.Components.Count > 1 ? $"PC2 ({result.Components.VarianceExplained[1] * 100:0.#}% variance)" : "PC2");
        plot.ShowLegend(Alignment.LowerLeft);
        Save(plot, path, 900, 700);
    }

    /// <summary>The Jacobian eigenvalues of one target's fixed points in the complex plane, with the unit circle.</summary>
    public static void EigenvalueSpectrum(string path, TargetFixedPoints target)
    {
        var plot = new Plot();
        var circle = plot.Add.Circle(0, 0, 1);
        circle.LineColor = Colors.Gray;
        circle.LinePattern = LinePattern.Dashed;
        circle.FillColor = Colors.Transparent;
        var index = 0;
        foreach (var point in target.Result.Points.Where(p => p.Spectrum is not null))
        {
            var values = point.Spectrum!.Eigenvalues;
            var markers = plot.Add.Markers(values.Select(v => v.Real).ToArray(), values.Select(v => v.Imaginary).ToArray(), point.IsStable ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, 6, Palette.GetColor(index));
            markers.LegendText = $"point {index}: {point.UnstableDirections} unstable";
            index++;
        }

        plot.Title($"Target {target.Target}: Jacobian eigenvalues of the closed-loop fixed points");
        plot.XLabel("Re λ");
        plot.YLabel("Im λ");
        plot.Axes.SquareUnits();
        if (index > 0)
        {
            plot.ShowLegend(Alignment.UpperLeft);
        }

        Save(plot, path, 700, 700);
    }

    /// <summary>The averaged trajectories projected on the first jPC plane, one line per target, start marked.</summary>
    public static void JPcaPlane(string path, JPcaResult jpca)
    {
        var plot = new Plot();
        if (jpca.Planes.Count > 0)
        {
            var plane = jpca.Planes[0];
            for (var c = 0; c < plane.Projection.BatchSize; c++)
            {
                var xs = Enumerable.Range(0, plane.Projection.Steps).Select(t => plane.Projection[c, t, 0]).ToArray();
                var ys = Enumerable.Range(0, plane.Projection.Steps).Select(t => plane.Projection[c, t, 1]).ToArray();
                plot.Add.ScatterLine(xs, ys, Palette.GetColor(c)).LineWidth = 2;
                plot.Add.Marker(xs[0], ys[0], MarkerShape.FilledCircle, 7, Palette.GetColor(c));
            }

            plot.Title(FormattableString.Invariant($"jPCA plane 1: ω = {plane.Frequency:0.##} rad/s; R² skew {jpca.RSquaredSkew:0.###}, best {jpca.RSquaredBest:0.###}"));
        }
        else
        {
            plot.Title("jPCA: no rotational plane");
        }

        plot.XLabel("jPC1");
        plot.YLabel("jPC2");
        Save(plot, path, 800, 700);
    }

    /// <summary>Variance explained per principal component (bars) and cumulative (line).</summary>
    public static void VarianceExplained(string path, PrincipalComponents components)
    {
        var plot = new Plot();
        var positions = Enumerable.Range(1, components.Count).Select(i => (double)i).ToArray();
        plot.Add.Bars(positions, components.VarianceExplained.Select(v => v * 100).ToArray());
        var cumulative = plot.Add.ScatterLine(positions, components.CumulativeVarianceExplained.Select(v => v * 100).ToArray(), Colors.Black);
        cumulative.LegendText = "cumulative";
        plot.Title("Variance explained by the principal components of the hidden states");
        plot.XLabel("component");
        plot.YLabel("variance explained (%)");
        plot.ShowLegend(Alignment.MiddleRight);
        Save(plot, path, 800, 500);
    }

    /// <summary>Histogram of the tangling values Q(t).</summary>
    public static void TanglingHistogram(string path, TanglingResult tangling, int bins = 30)
    {
        var values = tangling.All.ToArray();
        var plot = new Plot();
        var max = values.Length == 0 ? 1 : Math.Max(values.Max(), 1e-12);
        var width = max / bins;
        var counts = new double[bins];
        foreach (var v in values)
        {
            counts[Math.Min(bins - 1, (int)(v / width))]++;
        }

        var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(i => (i + 0.5) * width).ToArray(), counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.9;
        }

        plot.Title(FormattableString.Invariant($"Tangling of the hidden-state trajectories (ε = {tangling.Epsilon:G3})"));
        plot.XLabel("Q (1/s²)");
        plot.YLabel("samples");
        Save(plot, path, 800, 500);
    }

    private static void Save(Plot plot, string path, int width, int height)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp.png");
        plot.SavePng(temporary, width, height);
        File.Move(temporary, path, overwrite: true);
    }
}
