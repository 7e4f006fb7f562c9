using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Data;
using System.Text.Json.Serialization;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Training;

namespace ArmRnn.Reporting;

/// <summary>
/// Writes <c>report.md</c>, <c>report.json</c> and <c>plots/*.png</c> for a run folder of
/// <see cref="GenerationPipeline"/>, from what the run wrote (nothing is recomputed, so a report can be rewritten at
/// any time, also for a partly complete run).
/// </summary>
public static class PipelineReport
{
    /// <summary>The Markdown report's file name.</summary>
    public const string MarkdownFileName = "report.md";

    /// <summary>The JSON report's file name.</summary>
    public const string JsonFileName = "report.json";

    /// <summary>The folder of the plots, inside the run folder.</summary>
    public const string PlotFolderName = "plots";

    /// <summary>Writes the reports of the run in <paramref name="runFolder"/>.</summary>
    /// <param name="runFolder">A folder written by <see cref="GenerationPipeline.Run"/>.</param>
    /// <param name="lastRunSeconds">Wall-clock seconds of the last <see cref="GenerationPipeline.Run"/> call, when known.</param>
    /// <returns>The full path of <c>report.md</c>.</returns>
    /// <exception cref="InvalidDataException">The folder holds no run, or no generation has been evaluated yet.</exception>
    public static string Write(string runFolder, double? lastRunSeconds = null)
    {
        var folder = new RunFolder(runFolder);
        if (!File.Exists(folder.ConfigPath))
        {
            throw new InvalidDataException($"{folder.Root} holds no pipeline run ({RunFolder.ConfigFileName} is missing).");
        }

        var options = GenerationPipelineOptions.FromJson(File.ReadAllText(folder.ConfigPath), folder.ConfigPath);
        var generations = GenerationPipeline.ReadResults(folder.Root);
        if (generations.Count == 0)
        {
            throw new InvalidDataException($"{folder.Root}: no generation has been evaluated yet; run the pipeline first.");
        }

        var plots = WritePlots(folder, options, generations);
        RunFolder.WriteJson(Path.Combine(folder.Root, JsonFileName), ReportJson.Build(options, generations, lastRunSeconds));
        var markdown = ReportMarkdown.Build(folder, options, generations, plots, lastRunSeconds);
        var path = Path.Combine(folder.Root, MarkdownFileName);
        AtomicFile.WriteText(path, w => w.Write(markdown));
        return path;
    }

    private static ReportPlots WritePlots(RunFolder folder, GenerationPipelineOptions options, IReadOnlyList<GenerationResult> generations)
    {
        var plotFolder = Path.Combine(folder.Root, PlotFolderName);
        var hand = options.Controller.Task.Hand;
        var plots = new ReportPlots();
        var armNetHistories = new List<IReadOnlyList<ArmNetEpochReport>>();
        var controllerHistories = new List<IReadOnlyList<ControllerIterationReport>>();
        foreach (var generation in generations.Select(g => g.Generation))
        {
            var test = TrajectoryBatchHdf5.Read(folder.File(generation, PipelineFiles.TestData));
            var predicted = TrajectoryBatchHdf5.Read(folder.File(generation, PipelineFiles.TestPredictions));
            plots.Overlays.Add(generation, ArmNetOverlayPlot.Write(plotFolder, generation, test, predicted, hand));
            var onPlant = TrajectoryBatchHdf5.Read(folder.File(generation, PipelineFiles.CenterOutOnPlant));
            var onArmNet = TrajectoryBatchHdf5.Read(folder.File(generation, PipelineFiles.CenterOutOnArmNet));
            plots.Reaches.Add(generation, CenterOutPlot.WritePaths(plotFolder, generation, onPlant, onArmNet, hand, options.Controller.Task.Radius));
            plots.Speeds.Add(generation, CenterOutPlot.WriteSpeeds(plotFolder, generation, onPlant, hand));
            armNetHistories.Add(ReadHistory<ArmNetEpochReport>(folder.File(generation, PipelineFiles.ArmNetHistory)));
            controllerHistories.Add(ReadHistory<ControllerIterationReport>(folder.File(generation, PipelineFiles.ControllerHistory)));
        }

        plots.ArmNetTraining = TrainingCurvePlot.WriteArmNet(plotFolder, armNetHistories);
        plots.ControllerTraining = TrainingCurvePlot.WriteController(plotFolder, controllerHistories);
        return plots;
    }

    private static readonly JsonSerializerOptions HistoryJson = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private static List<T> ReadHistory<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<List<T>>(File.ReadAllText(path), HistoryJson)
                ?? throw new InvalidDataException($"{path}: the history is 'null'.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
