using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>
/// The small vector routines OpenSim 4.3's wrapping code is built on (<c>WrapMath</c>, <c>Mtx</c> and the
/// <c>SimmMacros</c>), with the same operation order and the same edge-case behaviour so that the wrap algorithms built
/// on them round the same way.
/// </summary>
internal static class WrapMath
{
    /// <summary><c>ROUNDOFF_ERROR</c> of OpenSim's <c>SimmMacros.h</c>.</summary>
    public const double RoundoffError = 0.0000000000002;

    /// <summary><c>LINE_EPSILON</c> of <c>WrapMath.cpp</c>.</summary>
    public const double LineEpsilon = 0.00001;

    /// <summary>Machine epsilon (<c>SimTK::Eps</c>).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>A vector of NaNs: what a default-constructed <c>SimTK::Vec3</c> holds in the (non-<c>NDEBUG</c>)
    /// Simbody build OpenSim 4.3 was run with, and so what an output that OpenSim leaves unassigned reads as.</summary>
    public static readonly Point3 NaNVector = new(double.NaN, double.NaN, double.NaN);

    /// <summary><c>DSIGN</c>: +1 for a ≥ 0, otherwise -1 (NaN gives -1).</summary>
    public static int DSign(double a) => a >= 0.0 ? 1 : -1;

    /// <summary><c>EQUAL_WITHIN_ERROR</c>: |a − b| ≤ 2e-13 (false when the difference is NaN).</summary>
    public static bool EqualWithinError(double a, double b)
    {
        var d = a - b;
        return (d > 0.0 ? d : -d) <= RoundoffError;
    }

    /// <summary>Component <paramref name="i"/> (0, 1, 2) of a vector.</summary>
    public static double Get(Point3 p, int i) => i switch
    {
        0 => p.X,
        1 => p.Y,
        _ => p.Z,
    };

    /// <summary>The vector with component <paramref name="i"/> replaced.</summary>
    public static Point3 With(Point3 p, int i, double value) => i switch
    {
        0 => p with { X = value },
        1 => p with { Y = value },
        _ => p with { Z = value },
    };

    /// <summary>Unit vector along <paramref name="i"/>.</summary>
    public static Point3 UnitAxis(int i) => i switch
    {
        0 => new Point3(1, 0, 0),
        1 => new Point3(0, 1, 0),
        _ => new Point3(0, 0, 1),
    };

    /// <summary>Componentwise quotient.</summary>
    public static Point3 DivideComponents(Point3 a, Point3 b) => new(a.X / b.X, a.Y / b.Y, a.Z / b.Z);

    /// <summary><c>Mtx::Normalize</c>: the vector times the reciprocal of its norm, or zero when the norm is below
    /// machine epsilon.</summary>
    public static Point3 Normalize(Point3 v, out double magnitude)
    {
        magnitude = v.Length;
        return magnitude >= MachineEpsilon ? v * (1.0 / magnitude) : Point3.Zero;
    }

    /// <summary><c>Mtx::Normalize</c>, discarding the norm.</summary>
    public static Point3 Normalize(Point3 v) => Normalize(v, out _);

    /// <summary>
    /// OpenSim 4.3's <c>Mtx::Angle</c>: <c>acos(a·b)</c> of the vectors <em>as given</em>. (Its source normalises copies
    /// with <c>SimTK::Vec3::normalize()</c>, which returns a new vector that is discarded, so nothing is normalised.)
    /// </summary>
    public static double Angle(Point3 a, Point3 b) => Math.Acos(a.Dot(b));

    /// <summary>Squared distance, summed in OpenSim's order.</summary>
    public static double DistanceSquared(Point3 point1, Point3 point2)
    {
        var v = point2 - point1;
        return (v.X * v.X) + (v.Y * v.Y) + (v.Z * v.Z);
    }

    /// <summary><c>WrapMath::GetClosestPointOnLineToPoint</c>: the point of the line through <paramref name="linePoint"/>
    /// along <paramref name="line"/> closest to <paramref name="point"/>; <paramref name="t"/> is its parameter in units
    /// of |<paramref name="line"/>|.</summary>
    public static Point3 ClosestPointOnLine(Point3 point, Point3 linePoint, Point3 line, out double t)
    {
        var v1 = Normalize(point - linePoint, out var magnitude);
        var v2 = Normalize(line, out var magnitude2);
        t = v1.Dot(v2) * magnitude;
        var closest = linePoint + (t * v2);
        t /= magnitude2;
        return closest;
    }

    /// <summary><c>WrapMath::CalcDistanceSquaredPointToLine</c>.</summary>
    public static double DistanceSquaredPointToLine(Point3 point, Point3 linePoint, Point3 line) =>
        DistanceSquared(point, ClosestPointOnLine(point, linePoint, line, out _));

    /// <summary>
    /// <c>WrapMath::IntersectLines</c>: the closest points of the lines p1-p2 and p3-p4 and their parameters (0 at p1 or
    /// p3, 1 at p2 or p4). Parallel lines give false, NaN parameters and NaN points.
    /// </summary>
    public static bool IntersectLines(Point3 p1, Point3 p2, Point3 p3, Point3 p4, out Point3 pInt1, out double s, out Point3 pInt2, out double t)
    {
        var vec1 = Normalize(p2 - p1, out var magnitude1);
        var vec2 = Normalize(p4 - p3, out var magnitude2);
        var cross = vec1.Cross(vec2);
        var denominator = cross.Dot(cross);
        if (EqualWithinError(denominator, 0.0))
        {
            s = t = double.NaN;
            pInt1 = pInt2 = NaNVector;
            return false;
        }

        var row0 = p3 - p1;
        t = Determinant(row0, vec1, cross) / denominator;
        pInt2 = p3 + (t * vec2);
        s = Determinant(row0, vec2, cross) / denominator;
        pInt1 = p1 + (s * vec1);
        s /= magnitude1;
        t /= magnitude2;
        return true;
    }

    /// <summary><c>WrapMath::IntersectLineSegPlane</c>: the intersection of segment pt1-pt2 with the plane
    /// <c>plane·x + d = 0</c>, if the segment (with a 1e-5 margin) reaches it and is not parallel to it.</summary>
    public static bool IntersectLineSegmentPlane(Point3 pt1, Point3 pt2, Point3 plane, double d, out Point3 intersection)
    {
        var vec = pt2 - pt1;
        var dot = vec.Dot(plane);
        if ((dot > 0.0 ? dot : -dot) < LineEpsilon)
        {
            intersection = NaNVector;
            return false;
        }

        var t = (-d - (plane.X * pt1.X) - (plane.Y * pt1.Y) - (plane.Z * pt1.Z)) / dot;
        if (t < -LineEpsilon || t > 1.0 + LineEpsilon)
        {
            intersection = NaNVector;
            return false;
        }

        intersection = new Point3(pt1.X + (t * vec.X), pt1.Y + (t * vec.Y), pt1.Z + (t * vec.Z));
        return true;
    }

    /// <summary><c>CALC_DETERMINANT</c> of the matrix with rows r0, r1, r2.</summary>
    public static double Determinant(Point3 r0, Point3 r1, Point3 r2) =>
        (r0.X * ((r1.Y * r2.Z) - (r1.Z * r2.Y)))
        - (r0.Y * ((r1.X * r2.Z) - (r1.Z * r2.X)))
        + (r0.Z * ((r1.X * r2.Y) - (r1.Y * r2.X)));
}
