using ArmRnn.Data;
using ArmRnn.Layouts;

namespace ArmRnn.Metrics;

/// <summary>Extracts hand positions from state trajectories.</summary>
public static class HandPath
{
    /// <summary>The hand path of every trajectory of <paramref name="batch"/>'s states, <c>[batch, time, 3]</c>
    /// (x, y, z in ground; z = 0 when the hand has no z channel), aligned with <see cref="TrajectoryBatch.States"/>.</summary>
    /// <param name="batch">The trajectories.</param>
    /// <param name="hand">The hand channels.</param>
    /// <exception cref="KeyNotFoundException">A hand channel is not in the batch's layout.</exception>
    public static TrajectoryArray Extract(TrajectoryBatch batch, HandChannels hand)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Extract(batch.States, batch.Layout, hand);
    }

    /// <summary>The hand path of every trajectory of <paramref name="states"/>, <c>[batch, time, 3]</c>
    /// (z = 0 when the hand has no z channel).</summary>
    /// <param name="states">States, <c>[batch, time, channel]</c>.</param>
    /// <param name="layout">Their layout.</param>
    /// <param name="hand">The hand channels.</param>
    /// <exception cref="ArgumentException">The states do not have the layout's channel count.</exception>
    /// <exception cref="KeyNotFoundException">A hand channel is not in the layout.</exception>
    public static TrajectoryArray Extract(TrajectoryArray states, StateLayout layout, HandChannels hand)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(hand);
        if (states.Channels != layout.Count)
        {
            throw new ArgumentException($"The states have {states.Channels} channels but layout '{layout.Name}' has {layout.Count}.", nameof(states));
        }

        var (x, y, z) = hand.IndicesIn(layout);
        var path = new TrajectoryArray(states.BatchSize, states.Steps, 3);
        for (var b = 0; b < states.BatchSize; b++)
        {
            for (var t = 0; t < states.Steps; t++)
            {
                var state = states.At(b, t);
                var point = path.At(b, t);
                point[0] = state[x];
                point[1] = state[y];
                point[2] = z < 0 ? 0.0 : state[z];
            }
        }

        return path;
    }
}
