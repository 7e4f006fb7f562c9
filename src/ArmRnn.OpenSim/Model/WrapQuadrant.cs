namespace ArmRnn.OpenSim.Model;

/// <summary>
/// The side of a wrap object over which wrapping is allowed (OpenSim's <c>quadrant</c>): all sides, or the
/// positive or negative half along one axis of the wrap object's frame.
/// </summary>
/// <param name="Axis">-1 for all; 0, 1 or 2 for x, y or z.</param>
/// <param name="Sign">0 for all; +1 or -1 for the positive or negative half.</param>
public readonly record struct WrapQuadrant(int Axis, int Sign)
{
    /// <summary>No restriction.</summary>
    public static WrapQuadrant All { get; } = new(-1, 0);

    /// <summary>Whether wrapping is unrestricted.</summary>
    public bool IsAll => Axis < 0;
}
