using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>A frame fixed to a body (or ground): a translation and an orientation given as OpenSim does, body-fixed
/// X-Y-Z Euler angles (rad).</summary>
/// <param name="Body">The body (or <c>ground</c>) the frame is fixed to.</param>
/// <param name="Translation">Origin of the frame in the body frame (m).</param>
/// <param name="Orientation">Body-fixed X-Y-Z Euler angles (rad) of the frame relative to the body.</param>
public sealed record Frame(string Body, Point3 Translation, Point3 Orientation);
