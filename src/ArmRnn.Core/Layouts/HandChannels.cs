namespace ArmRnn.Layouts;

/// <summary>The names of the channels that hold the hand (end-point) position in ground.</summary>
/// <param name="X">The x channel.</param>
/// <param name="Y">The y channel.</param>
/// <param name="Z">The z channel, or <see langword="null"/> for planar plants whose hand has no z channel
/// (its z is then taken as 0).</param>
public sealed record HandChannels(string X, string Y, string? Z)
{
    /// <summary>Resolves the channel indices in <paramref name="layout"/>; the z index is -1 when there is no z
    /// channel.</summary>
    /// <exception cref="KeyNotFoundException">A named channel is not in the layout.</exception>
    public (int X, int Y, int Z) IndicesIn(StateLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return (layout.IndexOf(X), layout.IndexOf(Y), Z is null ? -1 : layout.IndexOf(Z));
    }
}
