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

    /// <summary>The tensor expressed in the outer frame of rotation <paramref name="r"/>: <c>R I Rᵀ</c>.</summary>
    public InertiaTensor RotatedBy(Rotation3 r)
    {
        // P = R I (I symmetric), then only the upper triangle of P Rᵀ (the result is symmetric).
        var p00 = (r.M00 * Ixx) + (r.M01 * Ixy) + (r.M02 * Ixz);
        var p01 = (r.M00 * Ixy) + (r.M01 * Iyy) + (r.M02 * Iyz);
        var p02 = (r.M00 * Ixz) + (r.M01 * Iyz) + (r.M02 * Izz);
        var p10 = (r.M10 * Ixx) + (r.M11 * Ixy) + (r.M12 * Ixz);
        var p11 = (r.M10 * Ixy) + (r.M11 * Iyy) + (r.M12 * Iyz);
        var p12 = (r.M10 * Ixz) + (r.M11 * Iyz) + (r.M12 * Izz);
        var p20 = (r.M20 * Ixx) + (r.M21 * Ixy) + (r.M22 * Ixz);
        var p21 = (r.M20 * Ixy) + (r.M21 * Iyy) + (r.M22 * Iyz);
        var p22 = (r.M20 * Ixz) + (r.M21 * Iyz) + (r.M22 * Izz);
        return new(
            (p00 * r.M00) + (p01 * r.M01) + (p02 * r.M02),
            (p10 * r.M10) + (p11 * r.M11) + (p12 * r.M12),
            (p20 * r.M20) + (p21 * r.M21) + (p22 * r.M22),
            (p00 * r.M10) + (p01 * r.M11) + (p02 * r.M12),
            (p00 * r.M20) + (p01 * r.M21) + (p02 * r.M22),
            (p10 * r.M20) + (p11 * r.M21) + (p12 * r.M22));
    }
}
