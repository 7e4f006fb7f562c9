using System.Globalization;
using System.Text;
using ArmRnn.Torch.Pipeline;

namespace ArmRnn.Reporting;

/// <summary>Builds <c>report.md</c>.</summary>
internal static class ReportMarkdown
{
    public static string Build(RunFolder folder, GenerationPipelineOptions options, IReadOnlyList<GenerationResult> generations, ReportPlots plots, double? lastRunSeconds)
    {
        var text = new StringBuilder();
        var hand = options.Controller.Task.Hand;
        Line(text, $"# ArmRnn pipeline run: {Path.GetFileName(folder.Root)}");
        Line(text);
        Line(text, $"{generations.Count} of {options.Generations} generations evaluated. Seed {options.Seed}. New data: {options.NewData.Mode}, exploration noise {options.NewData.ExplorationNoiseStd}.");
        Line(text, $"ArmNet: {options.ArmNet.Network.Cell} {options.ArmNet.Network.HiddenSize} units x {options.ArmNet.Network.Layers} layer(s), {options.ArmNet.Training.Epochs} epochs, batch {options.ArmNet.Training.BatchSize}, {options.ArmNet.Training.Optimization.Optimizer} at {options.ArmNet.Training.Optimization.LearningRate}, warm start {options.ArmNet.WarmStart}.");
        Line(text, $"ControllerNet: GRU {options.Controller.Network.HiddenSize} units, {options.Controller.Training.Iterations} iterations, batch {options.Controller.Training.BatchSize}, {options.Controller.Training.Steps} steps, {options.Controller.Training.Optimization.Optimizer} at {options.Controller.Training.Optimization.LearningRate}{FineTuningText(options)}.");
        Line(text, $"Task: {options.Controller.Task.TargetCount} targets at {options.Controller.Task.Radius * 100:0.#} cm, movement {options.Controller.Task.MovementTime} s. Generation-0 data: {options.InitialData.Trajectories} trajectories of {options.InitialData.Steps} steps. The full configuration is `config.json`.");
        Line(text);

        Line(text, "## Generation matrix (VAF of ArmNet on each generation's held-out test data)");
        Line(text);
        var matrix = new PipelineResult(folder, generations, 0, 0).Matrix(hand.X, hand.Y);
        text.Append(matrix.ToMarkdown([(hand.X, "X position"), (hand.Y, "Y position"), (PipelineResult.MeanVafColumn, "all channels")]));
        Line(text);

        Line(text, "## ControllerNet on the centre-out task");
        Line(text);
        Line(text, "One reach per target from the home posture, driving the real plant and ArmNet in closed loop. Errors, deviations and the gap are measured in the task's plane (the hand's out-of-plane offset is set by the arm's kinematics). Gap: distance between the end points on ArmNet and on the real plant.");
        Line(text);
        Line(text, "| generation | plant | mean endpoint error (cm) | max path deviation (cm) | mean peak speed (m/s) | mean movement time (s) | endpoint gap (cm) |");
        Line(text, "| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var g in generations)
        {
            foreach (var (name, reach) in new[] { ("real plant", g.Controller.RealPlant), ("ArmNet", g.Controller.ArmNet) })
            {
                Line(text, $"| {g.Generation} | {name} | {Cm(reach.MeanEndpointError)} | {Cm(reach.MaxPathDeviation)} | {Fixed(reach.MeanPeakSpeed, 3)} | {Fixed(reach.MeanMovementTime, 2)} | {Cm(g.Controller.MeanEndpointGap)} |");
            }
        }

        Line(text);
        Line(text, "Endpoint error per target (cm), real plant:");
        Line(text);
        var targets = generations[0].Controller.RealPlant.EndpointErrorByTarget.Count;
        Line(text, "| generation | " + string.Join(" | ", Enumerable.Range(0, targets).Select(t => $"target {t}")) + " |");
        Line(text, "| --- |" + string.Concat(Enumerable.Repeat(" --- |", targets)));
        foreach (var g in generations)
        {
            Line(text, $"| {g.Generation} | " + string.Join(" | ", g.Controller.RealPlant.EndpointErrorByTarget.Select(Cm)) + " |");
        }

        Line(text);
        Line(text, "## Timings (s)");
        Line(text);
        Line(text, "| generation | data | ArmNet | ControllerNet | evaluation |");
        Line(text, "| --- | --- | --- | --- | --- |");
        foreach (var g in generations)
        {
            Line(text, $"| {g.Generation} | " + string.Join(" | ", Enum.GetValues<PipelineStage>().Select(s => Fixed(g.StageSeconds[s], 1))) + " |");
        }

        Line(text);
        Line(text, $"Total compute: {Fixed(generations.Sum(g => g.StageSeconds.Values.Sum()), 1)} s" + (lastRunSeconds is { } last ? $"; last run: {last:F1} s." : "."));
        Line(text);

        Line(text, "## Plots");
        Line(text);
        foreach (var g in generations.Select(g => g.Generation))
        {
            Line(text, $"### Generation {g}");
            Line(text);
            Image(text, $"ControllerNet gen {g} centre-out reaches", plots.Reaches[g]);
            Image(text, $"ControllerNet gen {g} hand speed", plots.Speeds[g]);
            foreach (var overlay in plots.Overlays[g])
            {
                Image(text, $"ArmNet gen {g} vs plant", overlay);
            }
        }

        Line(text, "### Training");
        Line(text);
        Image(text, "ArmNet training curves", plots.ArmNetTraining!);
        Image(text, "ControllerNet training curves", plots.ControllerTraining!);
        return text.ToString();
    }

    private static void Image(StringBuilder text, string alt, string file)
    {
        Line(text, $"![{alt}]({PipelineReport.PlotFolderName}/{file})");
        Line(text);
    }

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');

    /// <summary>", later generations fine-tuned for N iterations at R" when they are (ControllerStageOptions.FineTuning).</summary>
    private static string FineTuningText(GenerationPipelineOptions options) =>
        options.Controller.FineTuning is { } tuning && options.Controller.WarmStart && options.Generations > 1
            ? string.Create(CultureInfo.InvariantCulture, $"; later generations fine-tuned for {tuning.Iterations} iterations at {tuning.LearningRate}")
            : string.Empty;

    private static string Cm(double metres) => Fixed(metres * 100, 2);

    private static string Fixed(double value, int digits) =>
        double.IsFinite(value) ? value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "n/a";
}
