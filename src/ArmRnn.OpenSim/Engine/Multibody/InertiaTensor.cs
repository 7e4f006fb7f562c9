using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Engine.Multibody;

/// <summary>A symmetric inertia tensor (kg·m²) in a body frame.</summary>
internal readonly record struct InertiaTensor(double Ixx, double Iyy, double Izz, double Ixy, double Ixz, double Iyz)
{
    public static InertiaTensor From(InertiaDescription d) => new(d.Ixx, d.Iyy, d.Izz, d.Ixy, d.Ixz, d.Iyz);

    /// <summary>I·w.</summary>
    public Point3 Times(Point3 w) => new(
        (Ixx * w.X) + (Ixy * w.Y) + (Ixz * w.Z),
        (Ixy * w.X) + (Iyy * w.Y) + (Iyz * w.Z),
        (Ixz * w.X) + (Iyz * w.Y) + (Izz * w.Z));
}
