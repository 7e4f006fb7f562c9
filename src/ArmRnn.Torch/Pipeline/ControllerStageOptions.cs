using ArmRnn.Options;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;

namespace ArmRnn.Torch.Pipeline;

/// <summary>How each generation's ControllerNet is built, trained through the frozen ArmNet (step 3) and evaluated.</summary>
public sealed class ControllerStageOptions : IValidatableOptions
{
    /// <summary>The network (hidden size, observed channels, delay, noise).</summary>
    public ControllerNetOptions Network { get; set; } = new();

    /// <summary>The trainer's settings (iterations, batch, trial length, loss weights, optimiser).</summary>
    public ControllerTrainingOptions Training { get; set; } = ControllerTrainingOptions.Default();

    /// <summary>The reaching task it trains on and is evaluated on: centre-out (default 8 targets at 10 cm). Set
    /// <see cref="CenterOutTaskOptions.Hand"/> to the plant's hand channels.</summary>
    public CenterOutTaskOptions Task { get; set; } = new() { Radius = 0.10, GoCueTime = 0.2, GoCueJitter = 0.1, MovementTime = 0.5 };

    /// <summary>Whether ControllerNet generation k starts from generation k − 1's weights (default true).</summary>
    public bool WarmStart { get; set; } = true;

    /// <summary>How a warm-started generation (k ≥ 1 with <see cref="WarmStart"/>) is trained: <see cref="Training"/>
    /// with this run length, peak learning rate and warm-up; null (the default) trains it exactly as generation 0. A
    /// warm-started controller is fine-tuned rather than trained afresh: ArmNet generation k learned the real plant along
    /// generation k − 1's reaches, so a short run at a lower rate corrects those reaches where ArmNet is right, while a
    /// full run can take the controller to reaches where ArmNet has seen no data.</summary>
    public ControllerFineTuningOptions? FineTuning { get; set; }

    /// <summary>The trainer's settings for generation <paramref name="generation"/>: <see cref="Training"/>, with
    /// <see cref="FineTuning"/> applied when it is set and that generation is warm-started (a copy either way).</summary>
    public ControllerTrainingOptions TrainingFor(int generation) =>
        WarmStart && generation > 0 && FineTuning is not null ? FineTuning.ApplyTo(Training) : Training.Clone();

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        Network is null ? $"{nameof(Network)} must be set." : null,
        Training is null ? $"{nameof(Training)} must be set." : null,
        Task is null ? $"{nameof(Task)} must be set." : null,
        .. (Network?.GetValidationErrors() ?? []).Select(e => $"{nameof(Network)}: {e}"),
        .. (Training?.GetValidationErrors() ?? []).Select(e => $"{nameof(Training)}: {e}"),
        .. (FineTuning?.GetValidationErrors() ?? []).Select(e => $"{nameof(FineTuning)}: {e}"),
        .. (Task?.GetValidationErrors() ?? []).Select(e => $"{nameof(Task)}: {e}"),
    ]);

    /// <summary>A deep copy.</summary>
    public ControllerStageOptions Clone()
    {
        var copy = (ControllerStageOptions)MemberwiseClone();
        copy.Network = Network.Clone();
        copy.Training = Training.Clone();
        copy.FineTuning = FineTuning?.Clone();
        copy.Task = Task.Clone();
        return copy;
    }
}
