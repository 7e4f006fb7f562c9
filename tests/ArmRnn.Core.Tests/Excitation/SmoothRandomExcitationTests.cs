using ArmRnn.Data;
using ArmRnn.Excitation;
using ArmRnn.Randomness;

namespace ArmRnn.Core.Tests.Excitation;

public class SmoothRandomExcitationTests
{
    private const double Dt = 0.01;

    private static TrajectoryArray Generate(SmoothRandomExcitationOptions options, int batch, int steps, ulong seed = 3)
    {
        var excitations = new TrajectoryArray(batch, steps, 6);
        new SmoothRandomExcitation(options).Generate(excitations, Dt, new DeterministicRandom(seed));
        return excitations;
    }

    /// <summary>The spectrum of every muscle signal, summed.</summary>
    private static double[] PooledSpectrum(TrajectoryArray excitations)
    {
        double[]? total = null;
        var signal = new double[excitations.Steps];
        for (var b = 0; b < excitations.BatchSize; b++)
        {
            for (var m = 0; m < excitations.Channels; m++)
            {
                for (var t = 0; t < excitations.Steps; t++)
                {
                    signal[t] = excitations[b, t, m];
                }

                var power = PowerSpectrum.Compute(signal);
                total ??= new double[power.Length];
                for (var k = 0; k < power.Length; k++)
                {
                    total[k] += power[k];
                }
            }
        }

        return total!;
    }

    [Fact]
    public void Little_power_lies_above_three_times_the_cutoff()
    {
        const int steps = 2048;
        var excitations = Generate(new SmoothRandomExcitationOptions { CutoffFrequency = 2 }, 2, steps);
        var fraction = PowerSpectrum.FractionAbove(PooledSpectrum(excitations), steps, Dt, 6.0);
        // The zero-phase filter passes |H|⁴ ≤ 1/82² ≈ 1.5e-4 above 3·fc (7e-5 of the power, integrating the digital
        // response); the logistic squashing adds harmonics of large excursions. Measured 1.3e-3 here; bound 1%.
        Assert.True(fraction < 0.01, $"fraction of power above 6 Hz is {fraction}");
    }

    [Fact]
    public void A_higher_bandwidth_gives_more_high_frequency_power()
    {
        const int steps = 2048;
        var slow = PowerSpectrum.FractionAbove(PooledSpectrum(Generate(new SmoothRandomExcitationOptions { CutoffFrequency = 1 }, 2, steps)), steps, Dt, 2.0);
        var fast = PowerSpectrum.FractionAbove(PooledSpectrum(Generate(new SmoothRandomExcitationOptions { CutoffFrequency = 4 }, 2, steps)), steps, Dt, 2.0);
        // Linear theory (digital |H|⁴): 0.12% of the 1 Hz signal's power lies above 2 Hz but 41% of the 4 Hz signal's;
        // measured with the squashing: 0.7% and 44%. Bounds 5% and 20% separate them with wide margins.
        Assert.True(fast > 0.2, $"4 Hz: fraction above 2 Hz is {fast}");
        Assert.True(slow < 0.05, $"1 Hz: fraction above 2 Hz is {slow}");
    }

    [Fact]
    public void The_start_is_not_biased_and_the_filtered_noise_has_unit_variance()
    {
        // 400 trajectories x 6 muscles are independent samples at a given step.
        var options = new SmoothRandomExcitationOptions { CutoffFrequency = 2, Min = 0.01, Max = 0.6, Steepness = 1.5 };
        var excitations = Generate(options, 400, 200);
        var first = Column(excitations, 0);
        var middle = Column(excitations, 100);

        // The logistic of a symmetric z has mean Min + range/2 = 0.305; per-sample std ≈ 0.16 (measured), so the
        // standard error of a mean of 2400 samples is 0.0033: 0.015 is 4.5 standard errors.
        Assert.Equal(0.305, first.Average(), 0.015);
        Assert.Equal(0.305, middle.Average(), 0.015);

        // Without warm-up the first samples would be squeezed towards the middle. Variance estimates from 2400
        // samples have a relative standard error of about 3%; a ratio within [0.8, 1.25] is 7 standard errors.
        var ratio = Variance(first) / Variance(middle);
        Assert.InRange(ratio, 0.8, 1.25);

        // z > 1 (one theoretical standard deviation) maps above Min + range·σ(1.5); P(z > 1) = 0.1587 for unit
        // variance. Binomial standard error for 4800 samples: 0.0053; tolerance 0.025 (about 5 standard errors).
        var threshold = 0.01 + (0.59 / (1 + Math.Exp(-1.5)));
        var above = first.Concat(middle).Count(v => v > threshold) / 4800.0;
        Assert.Equal(0.1587, above, 0.025);
    }

    [Fact]
    public void A_cutoff_at_or_above_the_nyquist_frequency_is_rejected()
    {
        var generator = new SmoothRandomExcitation(new SmoothRandomExcitationOptions { CutoffFrequency = 60 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(new TrajectoryArray(1, 10, 6), Dt, new DeterministicRandom(1)));
        Assert.Contains("Nyquist frequency 50 Hz", error.Message, StringComparison.Ordinal);
        Assert.Contains("CutoffFrequency = 60 Hz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_positive_cutoff_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SmoothRandomExcitation(new SmoothRandomExcitationOptions { CutoffFrequency = 0 }));
        Assert.Contains("CutoffFrequency", error.Message, StringComparison.Ordinal);
    }

    private static double[] Column(TrajectoryArray excitations, int step)
    {
        var values = new List<double>();
        for (var b = 0; b < excitations.BatchSize; b++)
        {
            values.AddRange(excitations.At(b, step).ToArray());
        }

        return [.. values];
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }
}
