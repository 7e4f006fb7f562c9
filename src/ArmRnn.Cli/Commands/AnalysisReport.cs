using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Torch.Analysis;

namespace ArmRnn.Cli.Commands;

/// <summary>The markdown and JSON reports of <c>armrnn analyze</c>.</summary>
internal static class AnalysisReport
{
    /// <summary>Leading eigenvalues listed per fixed point.</summary>
    private const int ListedEigenvalues = 6;

    public static JsonObject ToJson(ControllerAnalysisResult result, IReadOnlyDictionary<string, string> sources, IReadOnlyList<string> plots)
    {
        var average = result.Average;
        var tangling = result.Tangling.All.OrderBy(v => v).ToArray();
        return new JsonObject
        {
            ["sources"] = new JsonObject(sources.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["dt"] = average.Dt,
            ["hidden_units"] = average.Units,
            ["recording"] = new JsonObject
            {
                ["conditions"] = average.Conditions,
                ["trials"] = result.Trials.Trials.Count,
                ["trial_counts"] = new JsonArray([.. average.TrialCounts.Select(n => (JsonNode?)n)]),
                ["alignment"] = PopulationRecordingHdf5.AlignmentName(average.Alignment),
                ["steps_before"] = average.StepsBefore,
                ["window_steps"] = average.Steps,
            },
            ["pca"] = new JsonObject
            {
                ["variance_explained"] = Numbers(result.Components.VarianceExplained),
                ["cumulative_variance_explained"] = Numbers(result.Components.CumulativeVarianceExplained),
                ["total_variance"] = result.Components.TotalVariance,
            },
            ["jpca"] = new JsonObject
            {
                ["dimensions"] = result.JPca.SkewFit.RowCount,
                ["r2_best"] = result.JPca.RSquaredBest,
                ["r2_skew"] = result.JPca.RSquaredSkew,
                ["plane_frequencies_rad_per_s"] = Numbers(result.JPca.Planes.Select(p => p.Frequency).ToArray()),
            },
            ["tangling"] = new JsonObject
            {
                ["epsilon"] = result.Tangling.Epsilon,
                ["total_variance"] = result.Tangling.TotalVariance,
                ["samples"] = tangling.Length,
                ["median"] = Quantile(tangling, 0.5),
                ["p90"] = Quantile(tangling, 0.9),
                ["max"] = tangling.Length == 0 ? 0 : tangling[^1],
            },
            ["fixed_points"] = new JsonArray([.. result.FixedPoints.Select(t => (JsonNode?)TargetJson(t, result.Components))]),
            ["plots"] = new JsonArray([.. plots.Select(p => (JsonNode?)p)]),
        };
    }

    public static string ToMarkdown(ControllerAnalysisResult result, IReadOnlyDictionary<string, string> sources, IReadOnlyList<string> plots)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var average = result.Average;
        text.AppendLine("# ControllerNet analysis").AppendLine();
        foreach (var (key, value) in sources)
        {
            text.AppendLine(c, $"- {key}: `{value}`");
        }

        text.AppendLine(c, $"- {average.Units} hidden units, dt = {average.Dt} s; {result.Trials.Trials.Count} trials over {average.Conditions} targets, averaged aligned to {PopulationRecordingHdf5.AlignmentName(average.Alignment)} ({average.StepsBefore} steps before, {average.Steps} in the window)");
        text.AppendLine().AppendLine("## Population structure").AppendLine();
        text.AppendLine(c, $"- PCA of the averaged hidden states: the first 3 components explain {Percent(result.Components.CumulativeVarianceExplained[Math.Min(2, result.Components.Count - 1)])} of the variance (per component: {string.Join(", ", result.Components.VarianceExplained.Take(6).Select(Percent))}).");
        text.AppendLine(c, $"- jPCA in {result.JPca.SkewFit.RowCount} PCs: R² of the best linear fit {result.JPca.RSquaredBest:0.000}, of the skew-symmetric (rotational) fit {result.JPca.RSquaredSkew:0.000}; plane frequencies {string.Join(", ", result.JPca.Planes.Select(p => p.Frequency.ToString("0.0", c)))} rad/s.");
        var q = result.Tangling.All.OrderBy(v => v).ToArray();
        text.AppendLine(c, $"- Tangling (ε = {result.Tangling.Epsilon:G3}): median {Quantile(q, 0.5):G4}, 90th percentile {Quantile(q, 0.9):G4}, max {(q.Length == 0 ? 0 : q[^1]):G4} (1/s²).");
        text.AppendLine().AppendLine("## Closed-loop fixed points per target (go cue on)").AppendLine();
        text.AppendLine("Fixed points have q ≤ the tolerance; slow points are the search's other distinct end points (q above it), kept because a trained closed loop often settles on slow points rather than exact fixed points.").AppendLine();
        text.AppendLine("| target | fixed points | slow points | stable | unstable directions | largest \\|λ\\| | slowest time constant (s) | q (best) |");
        text.AppendLine("| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
        foreach (var target in result.FixedPoints)
        {
            var points = target.Result.Points;
            var radius = points.Where(p => p.Spectrum is not null).Select(p => p.Spectrum!.SpectralRadius).DefaultIfEmpty(double.NaN).Max();
            var tau = points.Where(p => p.Spectrum is { Eigenvalues.Count: > 0 } && p.IsStable)
                .Select(p => -1 / p.Spectrum!.ContinuousEigenvalues[0].Real).DefaultIfEmpty(double.NaN).Max();
            text.AppendLine(c, $"| {target.Target} | {points.Count(p => p.IsConverged)} | {points.Count(p => !p.IsConverged)} | {points.Count(p => p.IsStable)} | {string.Join(", ", points.Select(p => p.UnstableDirections))} | {radius:0.0000} | {tau:G3} | {(points.Count == 0 ? double.NaN : points.Min(p => p.Q)):E1} |");
        }

        text.AppendLine().AppendLine("## Plots").AppendLine();
        foreach (var plot in plots)
        {
            text.AppendLine(c, $"![{plot}]({plot})");
        }

        return text.ToString();
    }

    private static JsonObject TargetJson(TargetFixedPoints target, PrincipalComponents components) => new()
    {
        ["target"] = target.Target,
        ["task_input"] = Numbers(target.TaskInput),
        ["starts"] = target.Result.StartCount,
        ["converged_starts"] = target.Result.ConvergedCount,
        ["count"] = target.Result.Points.Count,
        ["stable"] = target.Result.Points.Count(p => p.IsStable),
        ["points"] = new JsonArray([.. target.Result.Points.Select(p => (JsonNode?)new JsonObject
        {
            ["q"] = p.Q,
            ["converged"] = p.IsConverged,
            ["stable"] = p.IsStable,
            ["unstable_directions"] = p.UnstableDirections,
            ["spectral_radius"] = p.Spectrum?.SpectralRadius,
            ["eigenvalues"] = Complexes(p.Spectrum?.Eigenvalues.Take(ListedEigenvalues) ?? []),
            ["continuous_eigenvalues_per_s"] = Complexes(p.Spectrum?.ContinuousEigenvalues.Take(ListedEigenvalues) ?? []),
            ["controller_pcs"] = Numbers(components.Project(p.State.Take(target.ControllerUnits).ToArray()).Take(3).ToArray()),
        })]),
    };

    private static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode?)(double.IsFinite(v) ? JsonValue.Create(v) : null))]);

    private static JsonArray Complexes(IEnumerable<Complex> values) =>
        new([.. values.Select(v => (JsonNode?)new JsonArray(Finite(v.Real), Finite(v.Imaginary)))]);

    private static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(v.ToString(CultureInfo.InvariantCulture));

    private static double Quantile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * (sorted.Length - 1) + 0.5))];

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Serialize(JsonObject json) => json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
