using ArmRnn.Randomness;

namespace ArmRnn.Core.Tests.Randomness;

public class DeterministicRandomTests
{
    private const int Samples = 200_000;

    [Fact]
    public void Same_seed_same_sequence_and_different_seeds_differ()
    {
        var a = new DeterministicRandom(42);
        var b = new DeterministicRandom(42);
        var c = new DeterministicRandom(43);
        var sa = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(sa, Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
        Assert.NotEqual(sa, Enumerable.Range(0, 100).Select(_ => c.NextUInt64()));
    }

    [Fact]
    public void Uniform_doubles_have_the_moments_of_U01()
    {
        var random = new DeterministicRandom(1);
        var values = Enumerable.Range(0, Samples).Select(_ => random.NextDouble()).ToArray();
        Assert.All(values, v => Assert.InRange(v, 0.0, 0.9999999999999999));
        // Standard error of the mean is sqrt(1/12 / N) ≈ 6.5e-4; 5 standard errors keeps false failures < 1e-6.
        Assert.InRange(values.Average(), 0.5 - 3.3e-3, 0.5 + 3.3e-3);
        var variance = values.Select(v => (v - 0.5) * (v - 0.5)).Average();
        // The variance estimate's standard error is sqrt(1/180 / N) ≈ 1.7e-4; 5 of them.
        Assert.InRange(variance, (1.0 / 12) - 8.5e-4, (1.0 / 12) + 8.5e-4);
    }

    [Fact]
    public void Normal_deviates_have_mean_zero_and_unit_variance()
    {
        var random = new DeterministicRandom(2);
        var values = Enumerable.Range(0, Samples).Select(_ => random.NextNormal()).ToArray();
        // Standard errors: mean 1/sqrt(N) ≈ 2.2e-3, variance sqrt(2/N) ≈ 3.2e-3; 5 of each.
        Assert.InRange(values.Average(), -0.011, 0.011);
        Assert.InRange(values.Select(v => v * v).Average(), 1 - 0.016, 1 + 0.016);
        // About 68.27% within one standard deviation (binomial standard error ≈ 1e-3).
        Assert.InRange(values.Count(v => Math.Abs(v) < 1) / (double)Samples, 0.6827 - 0.005, 0.6827 + 0.005);
    }

    [Fact]
    public void NextInt_is_unbiased_over_a_small_range()
    {
        var random = new DeterministicRandom(3);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[random.NextInt(7)]++;
        }

        // Each count is binomial(70000, 1/7): mean 10000, sd ≈ 92.6; 5 sd.
        Assert.All(counts, c => Assert.InRange(c, 10000 - 463, 10000 + 463));
    }

    [Fact]
    public void Forks_depend_only_on_seed_and_stream()
    {
        var a = new DeterministicRandom(9);
        a.NextDouble();
        var b = new DeterministicRandom(9);
        Assert.Equal(a.Fork(5).NextUInt64(), b.Fork(5).NextUInt64());
        Assert.NotEqual(b.Fork(5).NextUInt64(), b.Fork(6).NextUInt64());
        // Neighbouring streams are uncorrelated: correlation of 10^4 pairs has standard error 0.01.
        var x = b.Fork(1);
        var y = b.Fork(2);
        var pairs = Enumerable.Range(0, 10_000).Select(_ => (x.NextDouble() - 0.5, y.NextDouble() - 0.5)).ToArray();
        var correlation = pairs.Sum(p => p.Item1 * p.Item2) / Math.Sqrt(pairs.Sum(p => p.Item1 * p.Item1) * pairs.Sum(p => p.Item2 * p.Item2));
        Assert.InRange(correlation, -0.05, 0.05);
    }
}
