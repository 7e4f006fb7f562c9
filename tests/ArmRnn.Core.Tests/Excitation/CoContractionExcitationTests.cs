using ArmRnn.Data;
using ArmRnn.Excitation;
using ArmRnn.Randomness;

namespace ArmRnn.Core.Tests.Excitation;

public class CoContractionExcitationTests
{
    private const double Dt = 0.01;

    private static TrajectoryArray Generate(CoContractionExcitationOptions options, int batch = 4, int steps = 50, ulong seed = 13)
    {
        var excitations = new TrajectoryArray(batch, steps, 6);
        new CoContractionExcitation(options).Generate(excitations, Dt, new DeterministicRandom(seed));
        return excitations;
    }

    [Fact]
    public void Without_jitter_or_ramp_every_muscle_holds_one_common_level()
    {
        var excitations = Generate(new CoContractionExcitationOptions { Min = 0.1, Max = 0.4 });
        for (var b = 0; b < 4; b++)
        {
            // The documented draw: L0 = Uniform(Min, Max) from Fork(b).
            var level = new DeterministicRandom(13).Fork((ulong)b).Uniform(0.1, 0.4);
            Assert.All(excitations.Trajectory(b).ToArray(), v => Assert.Equal(level, v));
        }
    }

    [Fact]
    public void Ramp_and_jitter_follow_the_documented_formula()
    {
        const int steps = 50;
        var options = new CoContractionExcitationOptions { Min = 0.1, Max = 0.4, Jitter = 0.03, Ramp = true };
        var excitations = Generate(options, steps: steps);
        for (var b = 0; b < 4; b++)
        {
            var stream = new DeterministicRandom(13).Fork((ulong)b);
            var first = stream.Uniform(0.1, 0.4);
            var last = stream.Uniform(0.1, 0.4);
            var offsets = Enumerable.Range(0, 6).Select(_ => stream.Uniform(-0.03, 0.03)).ToArray();
            for (var t = 0; t < steps; t++)
            {
                var baseline = first + ((last - first) * t / (steps - 1.0));
                for (var m = 0; m < 6; m++)
                {
                    // Same operations in the same order: equal to rounding (1e-15 on values ≤ 0.4).
                    Assert.Equal(Math.Clamp(baseline + offsets[m], 0.1, 0.4), excitations[b, t, m], 1e-15);
                }
            }
        }
    }

    [Fact]
    public void The_ramp_is_linear_in_time()
    {
        var excitations = Generate(new CoContractionExcitationOptions { Min = 0.0, Max = 1.0, Ramp = true }, batch: 1, steps: 100);
        for (var t = 1; t < 99; t++)
        {
            // Second difference of a linear ramp is zero up to rounding of values ≤ 1.
            var second = excitations[0, t + 1, 0] - (2 * excitations[0, t, 0]) + excitations[0, t - 1, 0];
            Assert.Equal(0.0, second, 1e-14);
        }
    }

    [Fact]
    public void A_negative_jitter_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new CoContractionExcitation(new CoContractionExcitationOptions { Jitter = -0.1 }));
        Assert.Contains("Jitter must be in [0, 1]; it is -0.1", error.Message, StringComparison.Ordinal);
    }
}
