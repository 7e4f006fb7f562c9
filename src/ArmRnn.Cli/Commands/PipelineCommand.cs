using System.Globalization;
using ArmRnn.Cli.Configuration;
using ArmRnn.Cli.Progress;
using ArmRnn.Reporting;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Platform;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn pipeline</c>: the poster's iterative pipeline (data, ArmNet, ControllerNet, new data ...) for N
/// generations on the plant, resumable, then <c>report.md</c> and <c>report.json</c> in the run folder.
/// </summary>
internal sealed class PipelineCommand(IAnsiConsole console) : Command<PipelineSettings>
{
    public override int Execute(CommandContext context, PipelineSettings settings, CancellationToken cancellationToken)
    {
        var (options, plant) = PipelineConfiguration.Resolve(settings);
        if (settings.PrintConfig)
        {
            console.WriteLine(options.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        // The quick preset's small GRUs gain nothing from a second OpenMP thread, and two-thread OpenMP stalls badly
        // whenever another process takes a core (measured: 0.1 s per controller iteration became 6 s while a compiler
        // ran beside it), so --quick runs on one thread unless --threads says otherwise.
        if ((settings.Threads ?? (settings.Quick ? 1 : null)) is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var device = TorchDevice.Resolve(settings.Device);
        var folder = settings.Out ?? (settings.Quick ? Path.Combine("runs", "quick") : Path.Combine("runs", "pipeline"));
        console.MarkupLineInterpolated($"Pipeline: {options.Generations} generations on [blue]{plant.Model}[/], networks on {device.type}, run folder [blue]{Path.GetFullPath(folder)}[/]");
        var pipeline = new GenerationPipeline(options, plant.CreatePlants(), device);
        PipelineResult result = null!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progressContext =>
            {
                var view = new PipelineProgressView(progressContext);
                pipeline.ProgressChanged += (_, p) => view.Show(p);
                result = pipeline.Run(folder, settings.Force, cancellationToken: cancellationToken);
            });

        var report = PipelineReport.Write(folder, result.Seconds);
        ShowSummary(result, options);
        console.MarkupLineInterpolated($"Report: [blue]{report}[/] ({result.SkippedStages} stages were complete already; this run took {result.Seconds:F1} s).");
        return 0;
    }

    private void ShowSummary(PipelineResult result, GenerationPipelineOptions options)
    {
        var table = new Table().Title("ArmNet VAF (%) on held-out test data").AddColumns("ArmNet", "data", "hand x", "hand y", "all channels");
        foreach (var score in result.Generations.SelectMany(g => g.ArmNetScores).OrderBy(s => s.ModelGeneration).ThenBy(s => s.DataGeneration))
        {
            table.AddRow($"gen {score.ModelGeneration}", $"gen {score.DataGeneration}", F(score.HandX), F(score.HandY), F(score.Mean));
        }

        console.Write(table);
        var reaches = new Table().Title($"ControllerNet, centre-out {options.Controller.Task.Radius * 100:0.#} cm").AddColumns("gen", "endpoint error real plant (cm)", "on ArmNet (cm)", "gap (cm)", "max deviation (cm)", "peak speed (m/s)");
        foreach (var g in result.Generations)
        {
            reaches.AddRow(
                g.Generation.ToString(CultureInfo.InvariantCulture),
                F(g.Controller.RealPlant.MeanEndpointError * 100),
                F(g.Controller.ArmNet.MeanEndpointError * 100),
                F(g.Controller.MeanEndpointGap * 100),
                F(g.Controller.RealPlant.MaxPathDeviation * 100),
                F(g.Controller.RealPlant.MeanPeakSpeed));
        }

        console.Write(reaches);
    }

    private static string F(double value) => double.IsFinite(value) ? value.ToString("F2", CultureInfo.InvariantCulture) : "n/a";
}
