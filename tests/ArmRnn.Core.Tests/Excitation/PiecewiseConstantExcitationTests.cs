using ArmRnn.Data;
using ArmRnn.Excitation;
using ArmRnn.Randomness;

namespace ArmRnn.Core.Tests.Excitation;

public class PiecewiseConstantExcitationTests
{
    private const double Dt = 0.01;
    private const int Steps = 500;

    private static TrajectoryArray Generate(int batch = 50, int steps = Steps)
    {
        var excitations = new TrajectoryArray(batch, steps, 6);
        new PiecewiseConstantExcitation(new PiecewiseConstantExcitationOptions { MinHold = 0.1, MaxHold = 0.5 })
            .Generate(excitations, Dt, new DeterministicRandom(8));
        return excitations;
    }

    /// <summary>The lengths (in steps) of the runs of equal values of one muscle.</summary>
    private static List<int> Runs(TrajectoryArray excitations, int b, int m)
    {
        var runs = new List<int> { 1 };
        for (var t = 1; t < excitations.Steps; t++)
        {
            if (excitations[b, t, m] == excitations[b, t - 1, m])
            {
                runs[^1]++;
            }
            else
            {
                runs.Add(1);
            }
        }

        return runs;
    }

    [Fact]
    public void The_number_of_levels_and_their_durations_match_the_hold_range()
    {
        var excitations = Generate();
        var counts = new List<int>();
        for (var b = 0; b < excitations.BatchSize; b++)
        {
            for (var m = 0; m < 6; m++)
            {
                var runs = Runs(excitations, b, m);
                counts.Add(runs.Count);
                // Segments start at S_k with k·MinHold ≤ S_k ≤ k·MaxHold; those with S_k ≤ (T − 1)·dt = 4.99 s are
                // seen: between ⌊4.99 / 0.5⌋ + 1 = 10 and ⌊4.99 / 0.1⌋ + 1 = 50 of them.
                Assert.InRange(runs.Count, 10, 50);
                // A whole segment of h seconds covers ⌊h/dt⌋ or ⌈h/dt⌉ step starts: 10 to 50 steps for h in [0.1, 0.5].
                Assert.All(runs.Skip(1).SkipLast(1), r => Assert.InRange(r, 10, 50));
                // Every run has its own level (two equal uniform draws have probability 0).
                var distinct = Enumerable.Range(0, Steps).Select(t => excitations[b, t, m]).Distinct().Count();
                Assert.Equal(runs.Count, distinct);
            }
        }

        // Renewal theory: E[count] ≈ 1 + 4.99/0.3 + (σ² − μ²)/(2μ²) = 1 + 16.63 − 0.43 = 17.2 (μ = 0.3 s,
        // σ² = 0.4²/12). The count's std is 1.7 (measured), so the mean of 300 counts has a standard error of 0.1;
        // ±1 also covers the asymptotic formula's error at 17 renewals.
        Assert.Equal(17.2, counts.Average(), 1.0);
    }

    [Fact]
    public void Muscles_change_level_independently()
    {
        var excitations = Generate(batch: 1);
        var changes = Enumerable.Range(0, 6)
            .Select(m => string.Join(",", Enumerable.Range(1, Steps - 1).Where(t => excitations[0, t, m] != excitations[0, t - 1, m])))
            .ToArray();
        Assert.Equal(6, changes.Distinct().Count());
    }

    [Fact]
    public void A_longer_trajectory_extends_a_shorter_one()
    {
        var shorter = Generate(batch: 2, steps: 100);
        var longer = Generate(batch: 2, steps: 300);
        for (var b = 0; b < 2; b++)
        {
            Assert.Equal(shorter.Trajectory(b).ToArray(), longer.Trajectory(b)[..(100 * 6)].ToArray());
        }
    }

    [Fact]
    public void Reversed_holds_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new PiecewiseConstantExcitation(new PiecewiseConstantExcitationOptions { MinHold = 0.5, MaxHold = 0.2 }));
        Assert.Contains("MinHold (0.5) must not exceed MaxHold (0.2)", error.Message, StringComparison.Ordinal);
    }
}
