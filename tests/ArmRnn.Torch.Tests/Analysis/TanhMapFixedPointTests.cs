using ArmRnn.Randomness;
using ArmRnn.Torch.Analysis;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;
using Xunit.Abstractions;

namespace ArmRnn.Torch.Tests.Analysis;

/// <summary>
/// The map h' = tanh(2h) on three units has known fixed points. Per unit, x = tanh(2x) has the three roots 0 and
/// ±x* with x* = 0.957504 (solved below by bisection, independently of the finder), and the Jacobian is diagonal with
/// entries 2(1 − tanh²(2x)) = 2(1 − x²) at a fixed point: 2 at 0 (unstable) and 2(1 − x*²) = 0.166372 at ±x*
/// (stable). So the 3³ = 27 fixed points have as many unstable directions as zero coordinates: 8 corners with none,
/// 12 with one, 6 with two and the origin with three (eigenvalues 2, 2, 2).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TanhMapFixedPointTests(ITestOutputHelper output)
{
    [Fact]
    public void Finds_all_27_fixed_points_with_their_exact_positions_and_stability()
    {
        torch.set_num_threads(1);
        var corner = PositiveRoot();
        // The published six-decimal values agree with the bisection root.
        Assert.Equal(0.957504, corner, 6);
        Assert.Equal(0.166372, 2 * (1 - (corner * corner)), 6);

        var map = new DelegateRecurrentMap(3, h => torch.tanh(2 * h), dt: 0.01, dtype: torch.ScalarType.Float64);
        var random = new DeterministicRandom(7);
        var initial = Enumerable.Range(0, 300).Select(_ => new[] { random.Uniform(-1, 1), random.Uniform(-1, 1), random.Uniform(-1, 1) }).ToList();
        var trajectories = FixedPointStarts.Simulate(map, initial, steps: 2);
        var starts = FixedPointStarts.Sample(trajectories, 3000, random.Fork(1));
        var finder = new FixedPointFinder(new FixedPointOptions { QTolerance = 1e-18, StartNoiseStd = 0.05, MaxIterations = 20000 });
        var result = finder.Find(map, starts);
        output.WriteLine($"{result.Points.Count} points from {result.StartCount} starts ({result.ConvergedCount} converged, {result.DuplicateCount} duplicates, {result.OutlierCount} outliers) in {result.Iterations} iterations");

        Assert.Equal(27, result.Points.Count);
        var byUnstable = result.Points.GroupBy(p => p.UnstableDirections).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(8, byUnstable.GetValueOrDefault(0));
        Assert.Equal(12, byUnstable.GetValueOrDefault(1));
        Assert.Equal(6, byUnstable.GetValueOrDefault(2));
        Assert.Equal(1, byUnstable.GetValueOrDefault(3));

        // q ≤ 1e-18 means |F(h) − h| ≤ 1.5e-9 per unit, so each coordinate is within 1.5e-9 / |1 − λ| ≤ 2e-9 of a root
        // (|1 − λ| ≥ 0.83 here); 1e-8 allows for that and float64 rounding. Eigenvalues then agree to about 1e-8.
        foreach (var point in result.Points)
        {
            var coordinates = point.State.ToArray();
            foreach (var x in coordinates)
            {
                var nearest = new[] { -corner, 0.0, corner }.MinBy(r => Math.Abs(r - x));
                Assert.True(Math.Abs(x - nearest) < 1e-8, $"coordinate {x} is not a root of x = tanh(2x)");
            }

            var expected = coordinates.Select(x => Math.Abs(x) < 0.5 ? 2.0 : 2 * (1 - (corner * corner))).OrderByDescending(v => v).ToArray();
            var actual = point.Spectrum!.Eigenvalues;
            for (var i = 0; i < 3; i++)
            {
                Assert.True(Math.Abs(actual[i].Real - expected[i]) < 1e-7 && Math.Abs(actual[i].Imaginary) < 1e-12, $"eigenvalue {actual[i]} at [{string.Join(", ", coordinates)}], expected {expected[i]}");
            }
        }

        var origin = result.Points.Single(p => p.UnstableDirections == 3);
        Assert.All(origin.State, x => Assert.True(Math.Abs(x) < 1e-8));
        Assert.All(origin.Spectrum!.Eigenvalues, l => Assert.Equal(2.0, l.Real, 10));
        // Continuous time: log(2) / dt for the origin, log(0.166372) / dt for a stable corner.
        Assert.Equal(Math.Log(2) / 0.01, origin.Spectrum.ContinuousEigenvalues[0].Real, 6);
        var stable = result.Stable;
        Assert.Equal(8, stable.Count);
        Assert.All(stable, p =>
        {
            Assert.All(p.State, x => Assert.Equal(corner, Math.Abs(x), 8));
            Assert.All(p.Spectrum!.Eigenvalues, l => Assert.Equal(0.166372, l.Real, 6));
            Assert.Equal(Math.Log(2 * (1 - (corner * corner))) / 0.01, p.Spectrum.ContinuousEigenvalues[0].Real, 5);
        });
    }

    /// <summary>The positive root of x = tanh(2x), by bisection on [0.5, 1] (tanh(2x) − x changes sign there).</summary>
    internal static double PositiveRoot()
    {
        double low = 0.5, high = 1.0;
        for (var i = 0; i < 200; i++)
        {
            var middle = 0.5 * (low + high);
            if (Math.Tanh(2 * middle) - middle > 0)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return 0.5 * (low + high);
    }
}
