using System.Diagnostics;
using ArmRnn.Options;
using ArmRnn.Torch.Platform;
using TorchSharp;

namespace ArmRnn.Torch.Pipeline;

/// <summary>
/// The iterative pipeline of the poster (DESIGN.md, steps 1-5) for N generations: generation-0 data from excitation
/// generators on the plant; ArmNet generation k trained on the data so far; ControllerNet generation k trained
/// through the frozen ArmNet k; new data from ControllerNet k on the real plant; and an evaluation of every
/// generation (the generation matrix and centre-out reaches on the real plant and on ArmNet).
/// </summary>
/// <remarks>
/// <para>Every artefact goes to a <see cref="RunFolder"/>, written atomically; running again with the same options
/// skips the stages that are complete and resumes the one that was interrupted (the trainers resume from their
/// checkpoints). A folder holding a run with other options is refused unless <c>force</c> is given.</para>
/// <para>On CPU, a run repeats bit for bit for the same seed and the same TorchSharp thread count
/// (<c>torch.set_num_threads</c>): all randomness comes from <see cref="GenerationPipelineOptions.Seed"/>.</para>
/// </remarks>
public sealed class GenerationPipeline
{
    private readonly GenerationPipelineOptions _options;
    private readonly PipelinePlants _plants;
    private readonly torch.Device _device;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="options">What to compute (copied and validated).</param>
    /// <param name="plants">The real plant and its start-state samplers.</param>
    /// <param name="device">Where the networks run; <see cref="TorchDevice.Default"/> (CUDA when present) when null.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every invalid value) or the plants disagree.</exception>
    public GenerationPipeline(GenerationPipelineOptions options, PipelinePlants plants, torch.Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(plants);
        _options = options.Clone().EnsureValid();
        plants.EnsureConsistent();
        _plants = plants;
        _device = device ?? TorchDevice.Default;
    }

    /// <summary>Raised for every progress step of every stage (also for skipped ones).</summary>
    public event EventHandler<PipelineProgress>? ProgressChanged;

    /// <summary>The options (a copy).</summary>
    public GenerationPipelineOptions Options => _options.Clone();

    /// <summary>Runs (or resumes) the pipeline in <paramref name="runFolder"/>.</summary>
    /// <param name="runFolder">The run's folder (created when missing).</param>
    /// <param name="force">Discard a run with other options found in the folder instead of refusing it.</param>
    /// <param name="progress">Receives the progress reports.</param>
    /// <param name="cancellationToken">Stops the run between steps; what is complete stays on disk and the next run
    /// resumes from there.</param>
    /// <exception cref="RunConfigurationMismatchException">The folder holds a run with other options and
    /// <paramref name="force"/> is false.</exception>
    public PipelineResult Run(string runFolder, bool force = false, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var folder = new RunFolder(runFolder);
        folder.Prepare(_options.ToJson(), force);
        var context = new PipelineContext(_options, _plants, folder, _device, p =>
        {
            ProgressChanged?.Invoke(this, p);
            progress?.Report(p);
        }, cancellationToken);

        var skipped = 0;
        var generations = new List<GenerationResult>();
        for (var generation = 0; generation < _options.Generations; generation++)
        {
            Directory.CreateDirectory(folder.GenerationFolder(generation));
            foreach (var stage in Enum.GetValues<PipelineStage>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (folder.IsComplete(generation, stage))
                {
                    skipped++;
                    context.Report(generation, stage, 1, "skipped (complete)");
                    continue;
                }

                RunStage(context, generation, stage);
            }

            generations.Add(ReadGeneration(folder, generation));
        }

        return new PipelineResult(folder, generations, skipped, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Reads the results of a completed (or partly completed) run folder without computing anything.</summary>
    /// <param name="runFolder">The run's folder.</param>
    /// <returns>The generations whose evaluation is complete.</returns>
    public static IReadOnlyList<GenerationResult> ReadResults(string runFolder)
    {
        var folder = new RunFolder(runFolder);
        var results = new List<GenerationResult>();
        for (var generation = 0; folder.IsComplete(generation, PipelineStage.Evaluation); generation++)
        {
            results.Add(ReadGeneration(folder, generation));
        }

        return results;
    }

    private static void RunStage(PipelineContext context, int generation, PipelineStage stage)
    {
        switch (stage)
        {
            case PipelineStage.Data:
                DataStage.Run(context, generation);
                break;
            case PipelineStage.ArmNet:
                ArmNetStage.Run(context, generation);
                break;
            case PipelineStage.Controller:
                ControllerStage.Run(context, generation);
                break;
            case PipelineStage.Evaluation:
                EvaluationStage.Run(context, generation);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage.");
        }
    }

    private static GenerationResult ReadGeneration(RunFolder folder, int generation)
    {
        var (scores, controller) = EvaluationStage.Read(folder, generation);
        var seconds = Enum.GetValues<PipelineStage>().ToDictionary(
            s => s,
            s => folder.ReadRecord(generation, s)["seconds"]?.GetValue<double>() ?? double.NaN);
        return new GenerationResult(generation, scores, controller, seconds);
    }
}
