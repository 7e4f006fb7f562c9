using ArmRnn.Torch.Pipeline;
using Spectre.Console;

namespace ArmRnn.Cli.Progress;

/// <summary>Shows a <see cref="GenerationPipeline"/> run as Spectre.Console progress bars: one per stage of every
/// generation, with its status line and an ETA.</summary>
internal sealed class PipelineProgressView(ProgressContext context)
{
    private readonly Dictionary<(int Generation, PipelineStage Stage), ProgressTask> _tasks = [];

    public void Show(PipelineProgress progress)
    {
        var key = (progress.Generation, progress.Stage);
        if (!_tasks.TryGetValue(key, out var task))
        {
            task = context.AddTask(Label(progress), maxValue: 1.0);
            _tasks[key] = task;
        }

        task.Description = $"{Label(progress)}: {Markup.Escape(progress.Detail)}";
        task.Value = progress.Fraction;
        if (progress.Fraction >= 1)
        {
            task.StopTask();
        }
    }

    private static string Label(PipelineProgress progress) => progress.Stage switch
    {
        PipelineStage.Data => $"gen {progress.Generation} data",
        PipelineStage.ArmNet => $"gen {progress.Generation} ArmNet",
        PipelineStage.Controller => $"gen {progress.Generation} ControllerNet",
        _ => $"gen {progress.Generation} evaluation",
    };
}
