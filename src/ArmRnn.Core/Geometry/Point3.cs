namespace ArmRnn.Geometry;

/// <summary>A point or vector in 3D, in double precision (m or m/s in the ground frame).</summary>
/// <param name="X">x component.</param>
/// <param name="Y">y component.</param>
/// <param name="Z">z component.</param>
public readonly record struct Point3(double X, double Y, double Z)
{
    /// <summary>The origin.</summary>
    public static Point3 Zero { get; }

    /// <summary>Euclidean length.</summary>
    public double Length => Math.Sqrt(Dot(this));

    /// <summary>Dot product.</summary>
    public double Dot(Point3 other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    /// <summary>Cross product.</summary>
    public Point3 Cross(Point3 other) =>
        new((Y * other.Z) - (Z * other.Y), (Z * other.X) - (X * other.Z), (X * other.Y) - (Y * other.X));

    /// <summary>This vector scaled to unit length.</summary>
    /// <exception cref="InvalidOperationException">The vector has zero length.</exception>
    public Point3 Normalized()
    {
        var length = Length;
        return length > 0 ? this / length : throw new InvalidOperationException("Cannot normalise a zero-length vector.");
    }

    /// <summary>Distance to <paramref name="other"/>.</summary>
    public double DistanceTo(Point3 other) => (this - other).Length;

    /// <summary>Reads three consecutive values.</summary>
    public static Point3 FromSpan(ReadOnlySpan<double> xyz) => new(xyz[0], xyz[1], xyz[2]);

    /// <summary>Sum.</summary>
    public static Point3 operator +(Point3 a, Point3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Difference.</summary>
    public static Point3 operator -(Point3 a, Point3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Scaling.</summary>
    public static Point3 operator *(Point3 a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    /// <summary>Scaling.</summary>
    public static Point3 operator *(double s, Point3 a) => a * s;

    /// <summary>Division by a scalar.</summary>
    public static Point3 operator /(Point3 a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    /// <summary>Negation.</summary>
    public static Point3 operator -(Point3 a) => new(-a.X, -a.Y, -a.Z);

    /// <summary>Sum (named alternative to the operator).</summary>
    public static Point3 Add(Point3 a, Point3 b) => a + b;

    /// <summary>Difference (named alternative to the operator).</summary>
    public static Point3 Subtract(Point3 a, Point3 b) => a - b;

    /// <summary>Scaling (named alternative to the operator).</summary>
    public static Point3 Multiply(Point3 a, double s) => a * s;

    /// <summary>Division (named alternative to the operator).</summary>
    public static Point3 Divide(Point3 a, double s) => a / s;

    /// <summary>Negation (named alternative to the operator).</summary>
    public static Point3 Negate(Point3 a) => -a;
}
