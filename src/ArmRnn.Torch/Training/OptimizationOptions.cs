using ArmRnn.Options;

namespace ArmRnn.Torch.Training;

/// <summary>The optimiser settings both trainers share.</summary>
public sealed class OptimizationOptions : IValidatableOptions
{
    /// <summary>Adam (default) or SGD.</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>The initial learning rate (default 1e-3).</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>L2 penalty as the optimiser's weight decay (default 0; the poster's is 1e-4).</summary>
    public double WeightDecay { get; set; }

    /// <summary>SGD momentum (default 0; ignored by Adam).</summary>
    public double Momentum { get; set; }

    /// <summary>Clip the global gradient norm to this value; 0 (default 1) for no clipping.</summary>
    public double GradientClipNorm { get; set; } = 1.0;

    /// <summary>The learning-rate schedule (default constant).</summary>
    public LearningRateSchedule Schedule { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        Enum.IsDefined(Optimizer) ? null : $"{nameof(Optimizer)} {Optimizer} is not a defined value.",
        OptionChecks.Positive(nameof(LearningRate), LearningRate),
        OptionChecks.NonNegative(nameof(WeightDecay), WeightDecay),
        OptionChecks.InRange(nameof(Momentum), Momentum, 0.0, 1.0),
        OptionChecks.NonNegative(nameof(GradientClipNorm), GradientClipNorm),
        Schedule is null ? $"{nameof(Schedule)} must be set." : null,
        .. Schedule?.GetValidationErrors() ?? [],
    ]);

    /// <summary>A deep copy.</summary>
    public OptimizationOptions Clone()
    {
        var copy = (OptimizationOptions)MemberwiseClone();
        copy.Schedule = Schedule.Clone();
        return copy;
    }
}
