using ArmRnn.Torch.Training;

namespace ArmRnn.Torch.Tests.Training;

/// <summary><see cref="LearningRateSchedule.Factor"/> against the closed forms of each schedule.</summary>
public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Cosine_runs_from_one_to_the_minimum_factor()
    {
        var schedule = new LearningRateSchedule { Kind = LearningRateScheduleKind.Cosine, MinimumFactor = 0.01 };
        Assert.Equal(1.0, schedule.Factor(0, 101), 15);
        // Halfway, cos(π/2) = 0: the mean of 1 and the minimum.
        Assert.Equal(0.505, schedule.Factor(50, 101), 15);
        Assert.Equal(0.01, schedule.Factor(100, 101), 15);
    }

    [Fact]
    public void Warmup_ramps_linearly_and_then_leaves_the_schedule_unchanged()
    {
        var plain = new LearningRateSchedule { Kind = LearningRateScheduleKind.Cosine };
        var warm = new LearningRateSchedule { Kind = LearningRateScheduleKind.Cosine, WarmupPeriods = 9 };
        // Period p < 9 gets (p + 1) / 10 of the schedule's factor; from period 9 on the two agree exactly.
        for (var p = 0; p < 9; p++)
        {
            Assert.Equal((p + 1) / 10.0 * plain.Factor(p, 100), warm.Factor(p, 100), 15);
        }

        for (var p = 9; p < 100; p++)
        {
            Assert.Equal(plain.Factor(p, 100), warm.Factor(p, 100));
        }
    }

    [Fact]
    public void Step_schedule_halves_every_step_size_periods()
    {
        var schedule = new LearningRateSchedule { Kind = LearningRateScheduleKind.Step, StepSize = 10, Gamma = 0.5 };
        Assert.Equal(1.0, schedule.Factor(9, 100));
        Assert.Equal(0.5, schedule.Factor(10, 100));
        Assert.Equal(0.25, schedule.Factor(25, 100));
    }

    [Fact]
    public void A_negative_warmup_is_reported()
    {
        var schedule = new LearningRateSchedule { WarmupPeriods = -1 };
        Assert.Contains(schedule.GetValidationErrors(), e => e.Contains(nameof(LearningRateSchedule.WarmupPeriods), StringComparison.Ordinal));
    }
}
