using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>A rigid body.</summary>
/// <param name="Name">Body name.</param>
/// <param name="Mass">Mass (kg).</param>
/// <param name="MassCenter">Centre of mass in the body frame (m).</param>
/// <param name="Inertia">Inertia about the centre of mass, in the body frame.</param>
public sealed record BodyDescription(string Name, double Mass, Point3 MassCenter, InertiaDescription Inertia);
