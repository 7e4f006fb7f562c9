using ArmRnn.Data;
using ArmRnn.Excitation;
using ArmRnn.Randomness;

namespace ArmRnn.Core.Tests.Excitation;

public class SumOfSinusoidsExcitationTests
{
    private const double Dt = 0.01;

    private static TrajectoryArray Generate(SumOfSinusoidsExcitationOptions options, int batch, int steps)
    {
        var excitations = new TrajectoryArray(batch, steps, 6);
        new SumOfSinusoidsExcitation(options).Generate(excitations, Dt, new DeterministicRandom(21));
        return excitations;
    }

    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(3.0, 3.5)]
    [InlineData(8.0, 12.0)]
    public void Dominant_frequencies_lie_in_the_given_range(double minFrequency, double maxFrequency)
    {
        const int steps = 2000; // 20 s: bins are 0.05 Hz apart.
        var excitations = Generate(new SumOfSinusoidsExcitationOptions { MinFrequency = minFrequency, MaxFrequency = maxFrequency }, 3, steps);
        var signal = new double[steps];
        for (var b = 0; b < 3; b++)
        {
            for (var m = 0; m < 6; m++)
            {
                for (var t = 0; t < steps; t++)
                {
                    signal[t] = excitations[b, t, m];
                }

                var dominant = PowerSpectrum.DominantFrequency(PowerSpectrum.Compute(signal), steps, Dt);
                // A sinusoid between bins peaks at the nearest bin: within half a bin (0.025 Hz); allow one bin.
                Assert.InRange(dominant, minFrequency - 0.05, maxFrequency + 0.05);
            }
        }
    }

    [Fact]
    public void The_signal_is_centred_in_the_range_and_a_longer_trajectory_extends_a_shorter_one()
    {
        var options = new SumOfSinusoidsExcitationOptions { Min = 0.1, Max = 0.5 };
        var shorter = Generate(options, 2, 100);
        var longer = Generate(options, 2, 4000);
        Assert.Equal(shorter.Trajectory(1).ToArray(), longer.Trajectory(1)[..(100 * 6)].ToArray());
        // Over D = 40 s a sinusoid of f ≥ 0.5 Hz averages to at most 1/(π·f·D) = 0.016 in magnitude, so the mean is
        // the centre 0.3 within half-range · 0.016 = 0.0032; 0.01 leaves room.
        Assert.Equal(0.3, longer.AsSpan().ToArray().Average(), 0.01);
    }

    [Fact]
    public void A_maximum_frequency_above_the_nyquist_frequency_is_rejected()
    {
        var generator = new SumOfSinusoidsExcitation(new SumOfSinusoidsExcitationOptions { MaxFrequency = 80 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(new TrajectoryArray(1, 10, 6), Dt, new DeterministicRandom(1)));
        Assert.Contains("MaxFrequency = 80 Hz", error.Message, StringComparison.Ordinal);
        var count = Assert.Throws<ArgumentException>(() => new SumOfSinusoidsExcitation(new SumOfSinusoidsExcitationOptions { ComponentCount = 0 }));
        Assert.Contains("ComponentCount must be in [1, 64]; it is 0", count.Message, StringComparison.Ordinal);
    }
}
