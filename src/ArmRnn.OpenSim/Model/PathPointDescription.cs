using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// A point of a muscle path fixed to a body. A conditional path point (OpenSim's <c>ConditionalPathPoint</c>) is
/// part of the path only while its coordinate is within [<see cref="RangeMin"/>, <see cref="RangeMax"/>].
/// </summary>
/// <param name="Name">Point name.</param>
/// <param name="Body">The body it is fixed to.</param>
/// <param name="Location">Location in the body frame (m).</param>
/// <param name="ConditionCoordinate">For a conditional point, the coordinate that switches it; otherwise null.</param>
/// <param name="RangeMin">Lower end of the active range (rad).</param>
/// <param name="RangeMax">Upper end of the active range (rad).</param>
public sealed record PathPointDescription(
    string Name, string Body, Point3 Location, string? ConditionCoordinate = null, double RangeMin = 0, double RangeMax = 0)
{
    /// <summary>Whether the point is conditional.</summary>
    public bool IsConditional => ConditionCoordinate is not null;
}
