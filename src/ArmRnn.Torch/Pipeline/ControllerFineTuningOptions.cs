using ArmRnn.Options;
using ArmRnn.Torch.Training;

namespace ArmRnn.Torch.Pipeline;

/// <summary>
/// How a warm-started ControllerNet generation is fine-tuned: <see cref="ControllerStageOptions.Training"/> with these
/// values in place of its iterations, peak learning rate and warm-up (everything else, batch, trial length, loss
/// weights, optimiser and schedule shape, stays the same).
/// </summary>
public sealed class ControllerFineTuningOptions : IValidatableOptions
{
    /// <summary>Training iterations (default 250).</summary>
    public int Iterations { get; set; } = 250;

    /// <summary>Peak learning rate (default 0.002).</summary>
    public double LearningRate { get; set; } = 0.002;

    /// <summary>Iterations of linear learning-rate warm-up (default 25).</summary>
    public int WarmupPeriods { get; set; } = 25;

    /// <summary><paramref name="training"/> (copied) with these values in place.</summary>
    public ControllerTrainingOptions ApplyTo(ControllerTrainingOptions training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var tuned = training.Clone();
        tuned.Iterations = Iterations;
        tuned.Optimization.LearningRate = LearningRate;
        tuned.Optimization.Schedule.WarmupPeriods = WarmupPeriods;
        return tuned;
    }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        OptionChecks.InRange(nameof(Iterations), Iterations, 1, 100_000_000),
        double.IsFinite(LearningRate) && LearningRate > 0 ? null : $"{nameof(LearningRate)} must be a finite number > 0; it is {LearningRate}.",
        OptionChecks.InRange(nameof(WarmupPeriods), WarmupPeriods, 0, int.MaxValue),
    ]);

    /// <summary>A copy.</summary>
    public ControllerFineTuningOptions Clone() => (ControllerFineTuningOptions)MemberwiseClone();
}
