using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Layouts;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// Per-channel mean and standard deviation of state vectors: networks see and predict <c>(x − mean) / std</c>.
/// Computed from training data and stored in the networks (as buffers), so a saved network carries them.
/// </summary>
public sealed class ChannelNormalization
{
    /// <summary>A channel whose standard deviation is at most this fraction of max(1, |mean|) is treated as constant
    /// and gets std = 1 (it is only shifted), so that it does not blow up to huge normalised values.</summary>
    public const double ConstantChannelTolerance = 1e-9;

    private readonly double[] _mean;
    private readonly double[] _std;

    /// <summary>Creates a normalisation from explicit values.</summary>
    /// <param name="channelNames">Channel names, in order.</param>
    /// <param name="mean">Per-channel means.</param>
    /// <param name="std">Per-channel standard deviations, each positive and finite.</param>
    /// <exception cref="ArgumentException">The lengths differ, or a value is not finite, or a std is not positive.</exception>
    public ChannelNormalization(IReadOnlyList<string> channelNames, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(channelNames);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != channelNames.Count || std.Count != channelNames.Count)
        {
            throw new ArgumentException($"{channelNames.Count} channels but {mean.Count} means and {std.Count} standard deviations.", nameof(mean));
        }

        for (var i = 0; i < channelNames.Count; i++)
        {
            if (!double.IsFinite(mean[i]) || !double.IsFinite(std[i]) || !(std[i] > 0))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Channel '{channelNames[i]}' has mean {mean[i]} and std {std[i]}; the mean must be finite and the std positive and finite."),
                    nameof(std));
            }
        }

        ChannelNames = [.. channelNames];
        _mean = [.. mean];
        _std = [.. std];
    }

    /// <summary>The channel names, in order.</summary>
    public IReadOnlyList<string> ChannelNames { get; }

    /// <summary>Per-channel means.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>Per-channel standard deviations.</summary>
    public IReadOnlyList<double> Std => _std;

    /// <summary>The number of channels.</summary>
    public int Count => _mean.Length;

    /// <summary>
    /// Mean and std of every channel of <paramref name="layout"/> over all initial states and states of
    /// <paramref name="data"/> (population std; constant channels get std 1).
    /// </summary>
    /// <exception cref="ArgumentException">The data's layout differs from <paramref name="layout"/>.</exception>
    public static ChannelNormalization FromData(TrajectoryBatch data, StateLayout layout)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(layout);
        var difference = data.Layout.DescribeChannelDifference(layout);
        if (difference is not null)
        {
            throw new ArgumentException($"The data's state layout differs from the network's: {difference}", nameof(data));
        }

        var n = layout.Count;
        var sum = new double[n];
        var sumSquares = new double[n];
        long rows = 0;
        void Accumulate(ReadOnlySpan<double> values)
        {
            for (var r = 0; r < values.Length; r += n)
            {
                for (var c = 0; c < n; c++)
                {
                    var v = values[r + c];
                    sum[c] += v;
                    sumSquares[c] += v * v;
                }

                rows++;
            }
        }

        Accumulate(data.InitialStates.AsSpan());
        Accumulate(data.States.AsSpan());
        var mean = new double[n];
        var std = new double[n];
        for (var c = 0; c < n; c++)
        {
            mean[c] = sum[c] / rows;
            // Second pass would be more accurate; the shifted formula is plenty for normalisation.
            var variance = Math.Max(0, (sumSquares[c] / rows) - (mean[c] * mean[c]));
            var s = Math.Sqrt(variance);
            std[c] = s <= ConstantChannelTolerance * Math.Max(1, Math.Abs(mean[c])) ? 1.0 : s;
        }

        return new ChannelNormalization(layout.ChannelNames, mean, std);
    }

    /// <summary>The identity normalisation (mean 0, std 1) for the given channels.</summary>
    public static ChannelNormalization Identity(IReadOnlyList<string> channelNames)
    {
        ArgumentNullException.ThrowIfNull(channelNames);
        return new ChannelNormalization(channelNames, new double[channelNames.Count], Enumerable.Repeat(1.0, channelNames.Count).ToArray());
    }

    /// <summary>The normalisation of the named channels only, in the order given.</summary>
    /// <exception cref="KeyNotFoundException">A channel is not in this normalisation.</exception>
    public ChannelNormalization Select(IReadOnlyList<string> channelNames)
    {
        ArgumentNullException.ThrowIfNull(channelNames);
        var indices = new int[channelNames.Count];
        for (var i = 0; i < channelNames.Count; i++)
        {
            var index = -1;
            for (var k = 0; k < ChannelNames.Count; k++)
            {
                if (string.Equals(ChannelNames[k], channelNames[i], StringComparison.Ordinal))
                {
                    index = k;
                    break;
                }
            }

            indices[i] = index >= 0 ? index : throw new KeyNotFoundException($"The normalisation has no channel '{channelNames[i]}'.");
        }

        return new ChannelNormalization(channelNames, indices.Select(i => _mean[i]).ToArray(), indices.Select(i => _std[i]).ToArray());
    }
}
