using System.Globalization;

namespace ArmRnn.Metrics;

/// <summary>Per-channel prediction scores (VAF and RMSE), looked up by channel name.</summary>
public sealed class ChannelScores
{
    private readonly ChannelScore[] _scores;
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates the set from scores with distinct channel names.</summary>
    /// <param name="scores">The scores, in the order to report them.</param>
    /// <exception cref="ArgumentException">A channel name is empty or repeated.</exception>
    public ChannelScores(IEnumerable<ChannelScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        _scores = [.. scores];
        _indexByName = new Dictionary<string, int>(_scores.Length, StringComparer.Ordinal);
        for (var i = 0; i < _scores.Length; i++)
        {
            var name = _scores[i].Channel;
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"Score {i} has no channel name.", nameof(scores));
            }

            if (!_indexByName.TryAdd(name, i))
            {
                throw new ArgumentException($"Channel '{name}' is scored twice (entries {_indexByName[name]} and {i}).", nameof(scores));
            }
        }

        Scores = Array.AsReadOnly(_scores);
        ChannelNames = Array.AsReadOnly(_scores.Select(s => s.Channel).ToArray());
    }

    /// <summary>The scores, in order.</summary>
    public IReadOnlyList<ChannelScore> Scores { get; }

    /// <summary>The scored channels' names, in order.</summary>
    public IReadOnlyList<string> ChannelNames { get; }

    /// <summary>Number of channels scored.</summary>
    public int Count => _scores.Length;

    /// <summary>
    /// The mean VAF (%) over the channels whose VAF is defined: channels with a NaN VAF (constant actual signal) are
    /// left out, so a constant channel neither helps nor hurts. NaN when no channel has a defined VAF.
    /// </summary>
    public double MeanVaf
    {
        get
        {
            double sum = 0;
            var count = 0;
            foreach (var score in _scores)
            {
                if (!double.IsNaN(score.Vaf))
                {
                    sum += score.Vaf;
                    count++;
                }
            }

            return count == 0 ? double.NaN : sum / count;
        }
    }

    /// <summary>The score of channel <paramref name="channel"/>.</summary>
    /// <exception cref="KeyNotFoundException">The channel was not scored; the message lists some that were.</exception>
    public ChannelScore this[string channel] => TryGet(channel, out var score) ? score : throw new KeyNotFoundException(DescribeMissing(channel));

    /// <summary>The VAF (%) of channel <paramref name="channel"/>.</summary>
    /// <exception cref="KeyNotFoundException">The channel was not scored.</exception>
    public double VafOf(string channel) => this[channel].Vaf;

    /// <summary>The RMSE of channel <paramref name="channel"/>.</summary>
    /// <exception cref="KeyNotFoundException">The channel was not scored.</exception>
    public double RmseOf(string channel) => this[channel].Rmse;

    /// <summary>Looks up a channel's score without throwing.</summary>
    /// <returns><see langword="true"/> when the channel was scored.</returns>
    public bool TryGet(string channel, out ChannelScore score)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (_indexByName.TryGetValue(channel, out var index))
        {
            score = _scores[index];
            return true;
        }

        score = default;
        return false;
    }

    /// <summary>Scores made from VAF values only (their RMSE is NaN), e.g. published results.</summary>
    /// <param name="vafByChannel">VAF (%) by channel name.</param>
    public static ChannelScores FromVaf(IEnumerable<KeyValuePair<string, double>> vafByChannel)
    {
        ArgumentNullException.ThrowIfNull(vafByChannel);
        return new ChannelScores(vafByChannel.Select(p => new ChannelScore(p.Key, p.Value, double.NaN)));
    }

    /// <summary>The VAF (%) of every channel, by name.</summary>
    public IReadOnlyDictionary<string, double> ToVafDictionary() => _scores.ToDictionary(s => s.Channel, s => s.Vaf, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} channels, mean VAF {MeanVaf:0.00}%");

    private string DescribeMissing(string channel)
    {
        var listed = string.Join(", ", _scores.Take(8).Select(s => $"'{s.Channel}'"));
        var more = _scores.Length > 8 ? $" and {_scores.Length - 8} more" : string.Empty;
        return _scores.Length == 0
            ? $"No score for channel '{channel}': no channel was scored."
            : $"No score for channel '{channel}'. Scored channels: {listed}{more}.";
    }
}
