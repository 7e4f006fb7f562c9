using ArmRnn.Options;

namespace ArmRnn.Torch.Training;

/// <summary>
/// A learning-rate schedule as a pure function of the period (epoch for <see cref="ArmNetTrainer"/>, iteration for
/// <see cref="ControllerTrainer"/>): nothing is stored, so a resumed run gets the same rates.
/// </summary>
public sealed class LearningRateSchedule : IValidatableOptions
{
    /// <summary>The kind of schedule (default constant).</summary>
    public LearningRateScheduleKind Kind { get; set; } = LearningRateScheduleKind.Constant;

    /// <summary>Periods between decays for <see cref="LearningRateScheduleKind.Step"/> (default 10).</summary>
    public int StepSize { get; set; } = 10;

    /// <summary>Decay factor for step and exponential schedules (default 0.5).</summary>
    public double Gamma { get; set; } = 0.5;

    /// <summary>Final rate as a fraction of the initial one for the cosine schedule (default 0.01).</summary>
    public double MinimumFactor { get; set; } = 0.01;

    /// <summary>
    /// Periods over which the rate ramps up linearly before the schedule applies (default 0, no warm-up): in period
    /// p &lt; WarmupPeriods the factor is multiplied by (p + 1) / (WarmupPeriods + 1). Damps the first, largest
    /// Adam steps, which can throw a warm-started controller out of the solution it starts from.
    /// </summary>
    public int WarmupPeriods { get; set; }

    /// <summary>The factor applied to the initial learning rate in period <paramref name="period"/> (0-based) of
    /// <paramref name="totalPeriods"/>.</summary>
    public double Factor(int period, int totalPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period);
        var warmup = period < WarmupPeriods ? (period + 1.0) / (WarmupPeriods + 1.0) : 1.0;
        return warmup * ScheduleFactor(period, totalPeriods);
    }

    private double ScheduleFactor(int period, int totalPeriods)
    {
        return Kind switch
        {
            LearningRateScheduleKind.Step => Math.Pow(Gamma, period / StepSize),
            LearningRateScheduleKind.Exponential => Math.Pow(Gamma, period),
            LearningRateScheduleKind.Cosine => totalPeriods <= 1
                ? 1.0
                : MinimumFactor + ((1 - MinimumFactor) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(period, totalPeriods - 1) / (totalPeriods - 1)))),
            _ => 1.0,
        };
    }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        Enum.IsDefined(Kind) ? null : $"{nameof(Kind)} {Kind} is not a defined value.",
        OptionChecks.InRange(nameof(StepSize), StepSize, 1, int.MaxValue),
        OptionChecks.InRange(nameof(WarmupPeriods), WarmupPeriods, 0, int.MaxValue),
        OptionChecks.Positive(nameof(Gamma), Gamma),
        OptionChecks.InRange(nameof(MinimumFactor), MinimumFactor, 0.0, 1.0));

    /// <summary>A copy.</summary>
    public LearningRateSchedule Clone() => (LearningRateSchedule)MemberwiseClone();
}
