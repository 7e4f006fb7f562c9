using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Engine;

/// <summary>A 3×3 rotation matrix (row-major). <c>R * v</c> expresses in the outer frame a vector given in the inner
/// frame.</summary>
public readonly record struct Rotation3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    /// <summary>The identity.</summary>
    public static Rotation3 Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Rotation by <paramref name="angle"/> (rad) about the unit <paramref name="axis"/> (Rodrigues).</summary>
    public static Rotation3 AboutAxis(Point3 axis, double angle)
    {
        var (x, y, z) = (axis.X, axis.Y, axis.Z);
        var c = Math.Cos(angle);
        var s = Math.Sin(angle);
        var t = 1 - c;
        return new(
            (t * x * x) + c, (t * x * y) - (s * z), (t * x * z) + (s * y),
            (t * x * y) + (s * z), (t * y * y) + c, (t * y * z) - (s * x),
            (t * x * z) - (s * y), (t * y * z) + (s * x), (t * z * z) + c);
    }

    /// <summary>OpenSim's body-fixed X-Y-Z Euler sequence: rotate about x, then the new y, then the new z.</summary>
    public static Rotation3 FromBodyFixedXyz(Point3 angles) =>
        AboutAxis(new Point3(1, 0, 0), angles.X) * AboutAxis(new Point3(0, 1, 0), angles.Y) * AboutAxis(new Point3(0, 0, 1), angles.Z);

    /// <summary>The transpose (the inverse rotation).</summary>
    public Rotation3 Transpose() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    /// <summary>Matrix product.</summary>
    public static Rotation3 operator *(Rotation3 a, Rotation3 b) => new(
        (a.M00 * b.M00) + (a.M01 * b.M10) + (a.M02 * b.M20), (a.M00 * b.M01) + (a.M01 * b.M11) + (a.M02 * b.M21), (a.M00 * b.M02) + (a.M01 * b.M12) + (a.M02 * b.M22),
        (a.M10 * b.M00) + (a.M11 * b.M10) + (a.M12 * b.M20), (a.M10 * b.M01) + (a.M11 * b.M11) + (a.M12 * b.M21), (a.M10 * b.M02) + (a.M11 * b.M12) + (a.M12 * b.M22),
        (a.M20 * b.M00) + (a.M21 * b.M10) + (a.M22 * b.M20), (a.M20 * b.M01) + (a.M21 * b.M11) + (a.M22 * b.M21), (a.M20 * b.M02) + (a.M21 * b.M12) + (a.M22 * b.M22));

    /// <summary>Rotates a vector.</summary>
    public static Point3 operator *(Rotation3 r, Point3 v) => new(
        (r.M00 * v.X) + (r.M01 * v.Y) + (r.M02 * v.Z),
        (r.M10 * v.X) + (r.M11 * v.Y) + (r.M12 * v.Z),
        (r.M20 * v.X) + (r.M21 * v.Y) + (r.M22 * v.Z));

    /// <summary>Matrix product (named alternative to the operator).</summary>
    public static Rotation3 Multiply(Rotation3 a, Rotation3 b) => a * b;

    /// <summary>Rotates a vector (named alternative to the operator).</summary>
    public static Point3 Multiply(Rotation3 r, Point3 v) => r * v;

    /// <summary>Applies the inverse rotation: <c>Rᵀ v</c>.</summary>
    public Point3 TransposeTimes(Point3 v) => new(
        (M00 * v.X) + (M10 * v.Y) + (M20 * v.Z),
        (M01 * v.X) + (M11 * v.Y) + (M21 * v.Z),
        (M02 * v.X) + (M12 * v.Y) + (M22 * v.Z));
}
