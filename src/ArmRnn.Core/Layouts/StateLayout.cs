using System.Collections.ObjectModel;

namespace ArmRnn.Layouts;

/// <summary>
/// The ordered, named channels of a state vector. Everything that addresses a state channel (networks,
/// metrics, plots, files) does it by name through a layout, never by a bare index.
/// </summary>
/// <remarks>Immutable and thread-safe. Two layouts are equal when they have the same name and the same
/// channels (name, unit, group, element) in the same order.</remarks>
public sealed class StateLayout : IEquatable<StateLayout>
{
    private readonly StateChannel[] _channels;
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a layout from channels in state-vector order.</summary>
    /// <param name="name">A short identifier of the layout, written to dataset files (e.g. <c>arm26-49</c>).</param>
    /// <param name="channels">The channels, in order. Names must be unique and non-empty.</param>
    /// <exception cref="ArgumentException">A channel name is empty or repeated, or there are no channels.</exception>
    public StateLayout(string name, IEnumerable<StateChannel> channels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(channels);
        Name = name;
        _channels = [.. channels];
        if (_channels.Length == 0)
        {
            throw new ArgumentException($"Layout '{name}' has no channels.", nameof(channels));
        }

        _indexByName = new Dictionary<string, int>(_channels.Length, StringComparer.Ordinal);
        for (var i = 0; i < _channels.Length; i++)
        {
            var channel = _channels[i] ?? throw new ArgumentException($"Layout '{name}': channel {i} is null.", nameof(channels));
            if (string.IsNullOrWhiteSpace(channel.Name))
            {
                throw new ArgumentException($"Layout '{name}': channel {i} has an empty name.", nameof(channels));
            }

            if (!_indexByName.TryAdd(channel.Name, i))
            {
                throw new ArgumentException(
                    $"Layout '{name}': channel name '{channel.Name}' appears twice (indices {_indexByName[channel.Name]} and {i}).",
                    nameof(channels));
            }
        }

        Channels = new ReadOnlyCollection<StateChannel>(_channels);
        ChannelNames = new ReadOnlyCollection<string>([.. _channels.Select(c => c.Name)]);
    }

    /// <summary>The layout's identifier.</summary>
    public string Name { get; }

    /// <summary>The channels in state-vector order.</summary>
    public IReadOnlyList<StateChannel> Channels { get; }

    /// <summary>The channel names in state-vector order.</summary>
    public IReadOnlyList<string> ChannelNames { get; }

    /// <summary>The number of channels (the length of one state vector).</summary>
    public int Count => _channels.Length;

    /// <summary>The channel at <paramref name="index"/>.</summary>
    public StateChannel this[int index] => _channels[index];

    /// <summary>The channel called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No channel has that name; the message lists similar names.</exception>
    public StateChannel this[string name] => _channels[IndexOf(name)];

    /// <summary>The index of the channel called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No channel has that name; the message lists similar names.</exception>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_indexByName.TryGetValue(name, out var index))
        {
            return index;
        }

        throw new KeyNotFoundException(DescribeMissing(name));
    }

    /// <summary>Looks up a channel index without throwing.</summary>
    /// <returns><see langword="true"/> when the layout has a channel called <paramref name="name"/>.</returns>
    public bool TryIndexOf(string name, out int index)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _indexByName.TryGetValue(name, out index);
    }

    /// <summary>Whether the layout has a channel called <paramref name="name"/>.</summary>
    public bool Contains(string name) => name is not null && _indexByName.ContainsKey(name);

    /// <summary>The indices of the named channels, in the order given.</summary>
    /// <exception cref="KeyNotFoundException">One of the names is not in the layout.</exception>
    public int[] IndicesOf(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return [.. names.Select(IndexOf)];
    }

    /// <summary>The indices of every channel in <paramref name="group"/>, in layout order.</summary>
    public int[] IndicesOf(ChannelGroup group)
    {
        var indices = new List<int>();
        for (var i = 0; i < _channels.Length; i++)
        {
            if (_channels[i].Group == group)
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }

    /// <summary>The indices of every channel that belongs to model element <paramref name="element"/>
    /// (a muscle, coordinate or marker name), in layout order.</summary>
    public int[] IndicesOfElement(string element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var indices = new List<int>();
        for (var i = 0; i < _channels.Length; i++)
        {
            if (string.Equals(_channels[i].Element, element, StringComparison.Ordinal))
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }

    /// <summary>A new layout with only the named channels, in the order given.</summary>
    /// <param name="name">The new layout's identifier.</param>
    /// <param name="channelNames">Channels to keep.</param>
    public StateLayout Select(string name, IEnumerable<string> channelNames)
    {
        ArgumentNullException.ThrowIfNull(channelNames);
        return new StateLayout(name, channelNames.Select(n => _channels[IndexOf(n)]));
    }

    /// <summary>
    /// Checks that this layout has the same channel names, in the same order, as <paramref name="expected"/>, and
    /// throws an exception that names the first difference otherwise.
    /// </summary>
    /// <param name="expected">The layout that is required.</param>
    /// <param name="context">Who requires it, for the message (e.g. a file path or a network name).</param>
    /// <exception cref="InvalidOperationException">The layouts differ; the message says where.</exception>
    public void EnsureSameChannels(StateLayout expected, string context)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var difference = DescribeChannelDifference(expected);
        if (difference is not null)
        {
            throw new InvalidOperationException($"{context}: state layout mismatch: {difference}");
        }
    }

    /// <summary>Describes the first difference in channel names or units from <paramref name="expected"/>, or
    /// returns <see langword="null"/> when the channel names and units agree in order.</summary>
    public string? DescribeChannelDifference(StateLayout expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var common = Math.Min(Count, expected.Count);
        for (var i = 0; i < common; i++)
        {
            var actual = _channels[i];
            var wanted = expected._channels[i];
            if (!string.Equals(actual.Name, wanted.Name, StringComparison.Ordinal))
            {
                return $"channel {i} is '{actual.Name}' but '{wanted.Name}' was expected (layout '{Name}' vs '{expected.Name}').";
            }

            if (!string.Equals(actual.Unit, wanted.Unit, StringComparison.Ordinal))
            {
                return $"channel {i} '{actual.Name}' has unit '{actual.Unit}' but '{wanted.Unit}' was expected.";
            }
        }

        return Count == expected.Count
            ? null
            : $"{Count} channels where {expected.Count} were expected (layout '{Name}' vs '{expected.Name}').";
    }

    /// <inheritdoc />
    public bool Equals(StateLayout? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (string.Equals(Name, other.Name, StringComparison.Ordinal) && _channels.AsSpan().SequenceEqual(other._channels)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StateLayout);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        foreach (var channel in _channels)
        {
            hash.Add(channel);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Count} channels)";

    private string DescribeMissing(string name)
    {
        var suggestions = _channels
            .Select(c => c.Name)
            .Where(n => n.Contains(name, StringComparison.OrdinalIgnoreCase)
                || name.Contains(n, StringComparison.OrdinalIgnoreCase)
                || SharesLastSegment(n, name))
            .Take(5)
            .ToArray();
        var hint = suggestions.Length > 0
            ? $" Similar channels: {string.Join(", ", suggestions.Select(s => $"'{s}'"))}."
            : $" It has {Count} channels, from '{_channels[0].Name}' to '{_channels[^1].Name}'.";
        return $"Layout '{Name}' has no channel '{name}'.{hint}";
    }

    private static bool SharesLastSegment(string a, string b)
    {
        static string Last(string s) => s[(s.LastIndexOfAny(['/', '|']) + 1)..];
        return string.Equals(Last(a), Last(b), StringComparison.OrdinalIgnoreCase) && Last(a).Length > 0;
    }
}
