using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>A marker fixed to a body.</summary>
/// <param name="Name">Marker name.</param>
/// <param name="Body">The body.</param>
/// <param name="Location">Location in the body frame (m).</param>
public sealed record MarkerDescription(string Name, string Body, Point3 Location);
