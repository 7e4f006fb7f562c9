using ArmRnn.Native.Tests.TestSupport;
using ArmRnn.Randomness;

namespace ArmRnn.Native.Tests;

/// <summary>Deterministic disposal, use after dispose, and separate plants on separate threads.</summary>
public sealed class LifetimeAndThreadTests
{
    [MuJoCoFact]
    public void Disposing_twice_is_safe_and_use_after_dispose_throws_ObjectDisposedException()
    {
        var plant = MuJoCoArm.Open();
        var states = new double[plant.Layout.Count];
        plant.Reset(plant.DefaultState, states);
        plant.Dispose();
        plant.Dispose();

        Assert.Throws<ObjectDisposedException>(() => plant.Step(new double[6], states));
        Assert.Throws<ObjectDisposedException>(() => plant.Reset(states, states));
        Assert.Throws<ObjectDisposedException>(() => plant.ReadStates(states));
        Assert.Throws<ObjectDisposedException>(() => plant.SampleInitialStates(new DeterministicRandom(1), states));
        Assert.Throws<ObjectDisposedException>(() => plant.Time);
        // The metadata stays readable.
        Assert.Equal(6, plant.ExcitationNames.Count);
    }

    [MuJoCoFact]
    public void Stepping_before_a_reset_is_an_error()
    {
        using var plant = MuJoCoArm.Open();
        var error = Assert.Throws<InvalidOperationException>(() => plant.Step(new double[6], new double[plant.Layout.Count]));
        Assert.Contains("Reset", error.Message, StringComparison.Ordinal);
    }

    [MuJoCoFact]
    public void Read_states_returns_what_the_last_step_wrote()
    {
        using var plant = MuJoCoArm.Open();
        var c = plant.Layout.Count;
        var start = new double[2 * c];
        plant.SampleInitialStates(new DeterministicRandom(5), start);
        var states = new double[2 * c];
        plant.Reset(start, states);
        plant.Step([.. Enumerable.Repeat(0.3, 12)], states);
        var read = new double[2 * c];
        plant.ReadStates(read);
        Assert.Equal(states, read);
    }

    [MuJoCoFact]
    public void Two_plants_on_two_threads_give_the_results_of_one_thread()
    {
        const int arms = 4;
        const int steps = 40;
        var excitations = MuJoCoPhysicsTests.ExcitationSequence(arms, steps);
        double[] Run(int seed)
        {
            using var plant = MuJoCoArm.Open();
            var c = plant.Layout.Count;
            var start = new double[arms * c];
            plant.SampleInitialStates(new DeterministicRandom((ulong)seed), start);
            var states = new double[arms * c];
            plant.Reset(start, states);
            var trajectory = new List<double>(arms * c * steps);
            for (var step = 0; step < steps; step++)
            {
                plant.Step(excitations[step], states);
                trajectory.AddRange(states);
            }

            return [.. trajectory];
        }

        var expected = new[] { Run(11), Run(12) };

        // Both threads open, reset and step at the same time (the barrier lines them up before each phase).
        using var barrier = new Barrier(2);
        var results = new double[2][];
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait();
            results[i] = Run(11 + i);
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(expected[0], results[0]);
        Assert.Equal(expected[1], results[1]);
        Assert.NotEqual(expected[0], expected[1]);
    }
}
