using ArmRnn.Data;
using ArmRnn.Randomness;

namespace ArmRnn.Torch.Analysis;

/// <summary>Start states for <see cref="FixedPointFinder"/>, drawn from recorded or simulated trajectories (the
/// finder adds its <see cref="FixedPointOptions.StartNoiseStd"/> noise).</summary>
public static class FixedPointStarts
{
    /// <summary>
    /// Draws <paramref name="count"/> states uniformly, with replacement, from all (trajectory, time) rows of
    /// <paramref name="trajectories"/> <c>[trajectory, time, unit]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The array is empty or <paramref name="count"/> is not positive.</exception>
    public static IReadOnlyList<double[]> Sample(TrajectoryArray trajectories, int count, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var rows = trajectories.BatchSize * trajectories.Steps;
        if (rows == 0 || trajectories.Channels == 0)
        {
            throw new ArgumentException("The trajectories hold no states to start from.", nameof(trajectories));
        }

        var result = new double[count][];
        for (var i = 0; i < count; i++)
        {
            var row = random.NextInt(rows);
            result[i] = trajectories.At(row / trajectories.Steps, row % trajectories.Steps).ToArray();
        }

        return result;
    }

    /// <summary>Runs <paramref name="map"/> for <paramref name="steps"/> steps from each initial state and returns the
    /// visited states <c>[initial, steps + 1, n]</c> (the initial state first), without gradients.</summary>
    public static TrajectoryArray Simulate(IRecurrentMap map, IReadOnlyList<double[]> initialStates, int steps)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(initialStates);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var n = map.StateSize;
        var result = new TrajectoryArray(initialStates.Count, steps + 1, n);
        if (initialStates.Count == 0)
        {
            return result;
        }

        var flat = new double[initialStates.Count * n];
        for (var b = 0; b < initialStates.Count; b++)
        {
            if (initialStates[b].Length != n)
            {
                throw new ArgumentException($"Initial state {b} has {initialStates[b].Length} values but the map's state has {n}.", nameof(initialStates));
            }

            initialStates[b].CopyTo(flat, b * n);
            initialStates[b].CopyTo(result.At(b, 0));
        }

        using var noGrad = TorchSharp.torch.no_grad();
        var current = TensorHost.ToTensor(flat, initialStates.Count, n, map);
        try
        {
            var host = new double[flat.Length];
            for (var t = 1; t <= steps; t++)
            {
                using (var scope = TorchSharp.torch.NewDisposeScope())
                {
                    var next = map.Step(current).DetachFromDisposeScope();
                    current.Dispose();
                    current = next;
                }

                TensorHost.CopyTo(current, host);
                for (var b = 0; b < initialStates.Count; b++)
                {
                    host.AsSpan(b * n, n).CopyTo(result.At(b, t));
                }
            }
        }
        finally
        {
            current.Dispose();
        }

        return result;
    }
}
