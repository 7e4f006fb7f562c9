using ArmRnn.Data;
using ArmRnn.Layouts;

namespace ArmRnn.Metrics;

/// <summary>Per-channel VAF and RMSE of predicted trajectories against actual ones.</summary>
public static class ChannelMetrics
{
    /// <summary>
    /// Scores every channel of <paramref name="layout"/> over all trajectories and steps. A channel's SST is taken
    /// about its mean over the whole set (all trajectories and steps), as in the poster's table.
    /// </summary>
    /// <param name="predicted">Predicted states, <c>[batch, time, channel]</c>.</param>
    /// <param name="actual">Actual states, the same shape.</param>
    /// <param name="layout">The layout of both; its channel count must match.</param>
    /// <exception cref="ArgumentException">The shapes differ or do not match the layout.</exception>
    public static ChannelScores Compute(TrajectoryArray predicted, TrajectoryArray actual, StateLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Compute(predicted, actual, layout, layout.ChannelNames);
    }

    /// <summary>Scores the named channels only (e.g. the hand's x and y), in the order given.</summary>
    /// <param name="predicted">Predicted states, <c>[batch, time, channel]</c>.</param>
    /// <param name="actual">Actual states, the same shape.</param>
    /// <param name="layout">The layout of both; its channel count must match.</param>
    /// <param name="channels">The channels to score.</param>
    /// <exception cref="ArgumentException">The shapes differ or do not match the layout.</exception>
    /// <exception cref="KeyNotFoundException">A channel is not in the layout.</exception>
    public static ChannelScores Compute(TrajectoryArray predicted, TrajectoryArray actual, StateLayout layout, IEnumerable<string> channels)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(channels);
        if (predicted.Shape != actual.Shape)
        {
            throw new ArgumentException(
                $"The predicted array has shape [{predicted.BatchSize}, {predicted.Steps}, {predicted.Channels}] but the actual one [{actual.BatchSize}, {actual.Steps}, {actual.Channels}].",
                nameof(predicted));
        }

        if (actual.Channels != layout.Count)
        {
            throw new ArgumentException(
                $"The arrays have {actual.Channels} channels but layout '{layout.Name}' has {layout.Count}.", nameof(layout));
        }

        var names = channels.ToArray();
        var indices = layout.IndicesOf(names);
        var rows = actual.BatchSize * actual.Steps;
        var width = actual.Channels;
        var p = predicted.AsSpan();
        var a = actual.AsSpan();
        var mean = new double[indices.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < indices.Length; k++)
            {
                mean[k] += a[(r * width) + indices[k]];
            }
        }

        for (var k = 0; k < indices.Length; k++)
        {
            mean[k] /= rows;
        }

        var sse = new double[indices.Length];
        var sst = new double[indices.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < indices.Length; k++)
            {
                var offset = (r * width) + indices[k];
                var error = p[offset] - a[offset];
                var deviation = a[offset] - mean[k];
                sse[k] += error * error;
                sst[k] += deviation * deviation;
            }
        }

        var scores = new ChannelScore[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            var rmse = rows == 0 ? double.NaN : Math.Sqrt(sse[k] / rows);
            scores[k] = new ChannelScore(names[k], Vaf.FromSums(sse[k], sst[k]), rmse);
        }

        return new ChannelScores(scores);
    }
}
