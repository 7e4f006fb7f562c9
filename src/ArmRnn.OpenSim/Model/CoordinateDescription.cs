namespace ArmRnn.OpenSim.Model;

/// <summary>A generalised coordinate of a joint.</summary>
/// <param name="Name">Coordinate name.</param>
/// <param name="DefaultValue">Default value (rad).</param>
/// <param name="DefaultSpeed">Default speed (rad/s).</param>
/// <param name="RangeMin">Lower end of the range (rad).</param>
/// <param name="RangeMax">Upper end of the range (rad).</param>
/// <param name="Clamped">Whether OpenSim clamps the value to the range.</param>
/// <param name="Locked">Whether the coordinate is locked.</param>
public sealed record CoordinateDescription(
    string Name, double DefaultValue, double DefaultSpeed, double RangeMin, double RangeMax, bool Clamped, bool Locked);
