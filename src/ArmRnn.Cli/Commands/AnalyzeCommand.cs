using System.Globalization;
using ArmRnn.Cli.Configuration;
using ArmRnn.Cli.Plotting;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Plants;
using ArmRnn.Tasks;
using ArmRnn.Torch.Analysis;
using ArmRnn.Torch.Checkpoints;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn analyze</c>: opens up a trained ControllerNet driving its ArmNet on the centre-out task — recording,
/// PCA, jPCA, tangling and closed-loop fixed points per target — and writes report.md, report.json, recording.h5 and
/// PNG plots.
/// </summary>
internal sealed class AnalyzeCommand(IAnsiConsole console) : Command<AnalyzeSettings>
{
    public override int Execute(CommandContext context, AnalyzeSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Threads > 0)
        {
            TorchSharp.torch.set_num_threads(settings.Threads);
        }

        var armPath = RequireFile(settings.ArmNet!, "--armnet");
        var controllerPath = RequireFile(settings.Checkpoint!, "--checkpoint");
        var metadata = ArmNetCheckpoint.ReadMetadata(armPath);
        var (layout, hand) = ResolveLayout(metadata, armPath);
        using var armNet = ArmNetCheckpoint.Load(armPath, layout, TorchSharp.torch.CPU);
        using var controller = ControllerNetCheckpoint.Load(controllerPath, layout, TorchSharp.torch.CPU);
        // The task the controller was trained on (stored in its checkpoint by train-controller and the pipeline) unless
        // the flags say otherwise.
        var (stored, storedSteps) = ControllerCheckpointTask.Read(controllerPath, "--checkpoint");
        var taskOptions = new CenterOutTaskOptions
        {
            TargetCount = settings.Targets ?? stored.TargetCount,
            Radius = settings.Radius ?? stored.Radius,
            GoCueTime = settings.GoCue ?? stored.GoCueTime,
            MovementTime = settings.MovementTime ?? stored.MovementTime,
            FirstTargetAngle = stored.FirstTargetAngle,
            ReactionTime = stored.ReactionTime,
            Plane = stored.Plane,
            Hand = hand,
        };
        var task = new CenterOutTask(taskOptions);
        var goCue = taskOptions.GoCueTime;
        var steps = settings.Steps > 0
            ? settings.Steps
            : Math.Max(storedSteps, (int)Math.Ceiling((goCue + taskOptions.MovementTime + 0.3) / armNet.Dt));
        var cueStep = (int)Math.Round(goCue / armNet.Dt);
        var align = settings.Align == "onset" ? AlignmentEvent.MovementOnset : AlignmentEvent.GoCue;
        var after = align == AlignmentEvent.GoCue ? steps - cueStep : (steps - cueStep) / 2;
        if (after < 1 || cueStep - settings.Before < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--steps ({steps}), --go-cue ({goCue} s, step {cueStep}) and --before ({settings.Before}) leave no aligned window: the go cue must come at least --before steps into the trial and before its end."));
        }

        var options = new ControllerAnalysisOptions
        {
            Recording = new RecordingOptions { TrialsPerCondition = settings.Trials, Steps = steps, Alignment = align, StepsBefore = settings.Before, StepsAfter = after, Seed = settings.Seed },
            FixedPoints = new FixedPointOptions
            {
                MaxIterations = settings.Iterations,
                QTolerance = settings.QTolerance,
                // Slow points are reported too (flagged): a trained closed loop often has slow points where the arm
                // settles rather than exact fixed points.
                KeepSlowPoints = true,
                Jacobian = settings.Jacobian == "top" ? JacobianMethod.TopEigenvalues : JacobianMethod.Dense,
                TopEigenvalueCount = settings.TopK,
                Seed = settings.Seed,
            },
            StartsPerTarget = settings.Starts,
        };

        ControllerAnalysisResult? result = null;
        console.Progress().AutoClear(false).Start(progressContext =>
        {
            var stages = progressContext.AddTask("analysis", maxValue: taskOptions.TargetCount + 2);
            var progress = new SynchronousProgress(stage =>
            {
                stages.Description = stage;
                stages.Increment(1);
            });
            result = ControllerAnalysis.Run(controller, armNet, task, options, progress, cancellationToken);
            stages.Value = stages.MaxValue;
            stages.Description = "analysis done";
        });

        var analysis = result!;
        Directory.CreateDirectory(settings.Output);
        PopulationRecordingHdf5.Write(Path.Combine(settings.Output, "recording.h5"), analysis.Average);
        var plots = WritePlots(settings.Output, analysis);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["controller"] = Path.GetFullPath(controllerPath),
            ["armnet"] = Path.GetFullPath(armPath),
            ["task"] = task.Description,
            ["trial"] = string.Create(CultureInfo.InvariantCulture, $"{steps} steps of {armNet.Dt} s, go cue at {goCue} s"),
            ["recording"] = "recording.h5",
        };
        AtomicFile.WriteText(Path.Combine(settings.Output, "report.json"), w => w.Write(AnalysisReport.Serialize(AnalysisReport.ToJson(analysis, sources, plots))));
        AtomicFile.WriteText(Path.Combine(settings.Output, "report.md"), w => w.Write(AnalysisReport.ToMarkdown(analysis, sources, plots)));

        var table = new Table().Title("Closed-loop fixed points per target (go cue on)");
        table.AddColumns("target", "fixed points", "slow points", "stable", "largest |λ|", "lowest q");
        foreach (var target in analysis.FixedPoints)
        {
            var radius = target.Result.Points.Where(p => p.Spectrum is not null).Select(p => p.Spectrum!.SpectralRadius).DefaultIfEmpty(double.NaN).Max();
            table.AddRow(
                target.Target.ToString(CultureInfo.InvariantCulture),
                target.Result.Points.Count(p => p.IsConverged).ToString(CultureInfo.InvariantCulture),
                target.Result.Points.Count(p => !p.IsConverged).ToString(CultureInfo.InvariantCulture),
                target.Result.Points.Count(p => p.IsStable).ToString(CultureInfo.InvariantCulture),
                radius.ToString("0.0000", CultureInfo.InvariantCulture),
                target.Result.Points.Select(p => p.Q).DefaultIfEmpty(double.NaN).Min().ToString("G3", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"jPCA R² skew {analysis.JPca.RSquaredSkew:0.000} (best {analysis.JPca.RSquaredBest:0.000}); PC1-3 explain {analysis.Components.CumulativeVarianceExplained[Math.Min(2, analysis.Components.Count - 1)] * 100:0.0}%. Report: [blue]{Path.GetFullPath(Path.Combine(settings.Output, "report.md"))}[/]");
        return 0;
    }

    private static List<string> WritePlots(string folder, ControllerAnalysisResult analysis)
    {
        var plots = new List<string> { "fixed_points_pcs.png", "variance_explained.png", "jpca_plane.png", "tangling_histogram.png" };
        AnalysisPlots.FixedPointsOnPcs(Path.Combine(folder, plots[0]), analysis);
        AnalysisPlots.VarianceExplained(Path.Combine(folder, plots[1]), analysis.Components);
        AnalysisPlots.JPcaPlane(Path.Combine(folder, plots[2]), analysis.JPca);
        AnalysisPlots.TanglingHistogram(Path.Combine(folder, plots[3]), analysis.Tangling);
        foreach (var target in analysis.FixedPoints)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"eigenvalues_target{target.Target}.png");
            AnalysisPlots.EigenvalueSpectrum(Path.Combine(folder, name), target);
            plots.Add(name);
        }

        return plots;
    }

    /// <summary>The layout the checkpoint was trained on (Arm26's 49 channels or the point-mass plant's) and its hand
    /// channels, matched by channel names and units.</summary>
    private static (StateLayout Layout, HandChannels Hand) ResolveLayout(Torch.Checkpoints.CheckpointMetadata metadata, string path)
    {
        var candidates = new List<(StateLayout Layout, HandChannels Hand)> { (Arm26Layout.Full, Arm26Layout.Hand) };
        if (metadata.ExcitationNames.Count > 0 && metadata.Dt > 0)
        {
            var pointMass = new PointMassPlant(metadata.Dt, new PointMassPlantOptions { MuscleCount = metadata.ExcitationNames.Count });
            candidates.Add((pointMass.Layout, PointMassPlant.Hand));
        }

        foreach (var (layout, hand) in candidates)
        {
            if (layout.ChannelNames.SequenceEqual(metadata.ChannelNames, StringComparer.Ordinal)
                && layout.Channels.Select(c => c.Unit).SequenceEqual(metadata.ChannelUnits, StringComparer.Ordinal))
            {
                return (layout, hand);
            }
        }

        throw new InvalidDataException(
            $"{path}: its state layout '{metadata.LayoutName}' ({metadata.ChannelNames.Count} channels) is neither Arm26's '{Arm26Layout.FullLayoutName}' nor the point-mass plant's, so the hand channels are unknown.");
    }

    private static string RequireFile(string path, string option) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{option}: no file '{path}'.", path);

    /// <summary>Reports on the calling thread (System.Progress would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
