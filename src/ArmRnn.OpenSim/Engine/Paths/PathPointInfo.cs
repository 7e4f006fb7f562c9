using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>One point of an evaluated muscle path (OpenSim's current path: the active path points with each wrap's
/// two tangent points inserted).</summary>
/// <param name="Kind">A path point or a wrap tangent point.</param>
/// <param name="Index">For a path point, its index in <see cref="GeometryPath.Points"/>; for a tangent point, the index
/// of its path wrap in <see cref="GeometryPath.Wraps"/>.</param>
/// <param name="Body">The body the point is fixed to (a tangent point: the wrap object's body).</param>
/// <param name="LocationInBody">Location in that body's frame (m).</param>
/// <param name="LocationInGround">Location in ground (m).</param>
public readonly record struct PathPointInfo(PathPointKind Kind, int Index, string Body, Point3 LocationInBody, Point3 LocationInGround);
