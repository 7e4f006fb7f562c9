using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;
using static ArmRnn.OpenSim.Engine.Paths.WrapMath;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>
/// A sphere centred on its frame's origin (OpenSim's <c>WrapSphere</c>), wrapped as OpenSim 4.3 does it: tangent lines
/// from each end and the great-circle arc between the tangent points, of length <c>r·θ</c>.
/// </summary>
/// <remarks>
/// <para>Unconstrained, a segment wraps only when it passes through the sphere (and then always: status
/// <see cref="WrapStatus.Wrapped"/>, as OpenSim reports). With a quadrant, the tangent points are chosen on the
/// allowed side, and a segment that misses the sphere but has an end on the allowed side wraps only when its ends are
/// on opposite sides and its closest approach to the centre is on the forbidden side. (OpenSim measures that closest
/// approach's parameter in metres along the segment, not as a fraction of it; replicated.)</para>
/// <para>OpenSim 4.3 quirks replicated: a wrap the long way round (constrained only) reports a <em>negative</em> arc
/// length, <c>-r·(2π − θ)</c>. Deliberate differences, neither of which changes a length OpenSim reports: when the
/// segment passes within 1e-5 (relative) of the centre OpenSim reuses the previous wrap's tangent points scaled by an
/// unset factor (NaN); here any plane through the segment is used (all give the same length by symmetry). The surface
/// points are placed on the great circle (OpenSim's display points apply a degrees-to-radians factor twice).</para>
/// </remarks>
public sealed class WrapSphere : WrapObject
{
    /// <summary>Creates the sphere described by <paramref name="description"/>.</summary>
    /// <param name="description">Radius, placement and quadrant.</param>
    /// <exception cref="ArgumentException">A negative radius.</exception>
    public WrapSphere(WrapSphereDescription description)
        : base(description)
    {
        if (!(description.Radius >= 0))
        {
            throw new ArgumentException($"Wrap sphere '{description.Name}': radius must not be negative.", nameof(description));
        }

        Radius = description.Radius;
    }

    /// <summary>Radius (m).</summary>
    public double Radius { get; }

    /// <inheritdoc />
    private protected override WrapStatus WrapLineCore(Point3 point1, Point3 point2, WrapMethod method, WrapResult result)
    {
        var radius = Radius;
        var returnCode = WrapStatus.Wrapped;
        var farSideWrap = false;
        var wrapSign = WrapSign;
        var wrapAxis = WrapAxis;

        var p1m = point1;
        var p2m = point2;
        var ri = point1 - point2;
        var mp = -point2;
        var p1p2 = point1 - point2;
        var p1mMagnitude = p1m.Length;
        var p2mMagnitude = p2m.Length;
        if (p1mMagnitude < radius || p2mMagnitude < radius)
        {
            return WrapStatus.InsideRadius;
        }

        var a = ri.Dot(ri);
        var b = -2.0 * mp.Dot(ri);
        var c = mp.Dot(mp) - (radius * radius);
        var disc = (b * b) - (4.0 * a * c);
        if (disc < 0.0)
        {
            return WrapStatus.NoWrap;
        }

        var l1 = (-b + Math.Sqrt(disc)) / (2.0 * a);
        var l2 = (-b - Math.Sqrt(disc)) / (2.0 * a);
        if (!(l1 > 0.0 && l1 < 1.0) || !(l2 > 0.0 && l2 < 1.0) || l1 < l2)
        {
            return WrapStatus.NoWrap;
        }

        p1p2 = Normalize(p1p2);
        var np2 = Normalize(p2m);
        var hp2 = p1p2.Cross(np2);
        var n = hp2.Length < 0.00001 ? AnyPerpendicular(p1p2) : Normalize(hp2);

        // Tangent point candidates from each end, in the plane through the segment and the centre.
        var (r1a, r1b) = TangentCandidates(point1, n, radius, p1mMagnitude);
        var (r2a, r2b) = TangentCandidates(point2, n, radius, p2mMagnitude);
        var r1am = Normalize(r1a);
        var r1bm = Normalize(r1b);
        var r2am = Normalize(r2a);
        var r2bm = Normalize(r2b);

        // The pair facing each other (the shortest arc).
        var j1 = r1am.Dot(r2am);
        var j2 = r1am.Dot(r2bm);
        var j3 = r1bm.Dot(r2am);
        var j4 = r1bm.Dot(r2bm);
        Point3 r1, r2, r11, r22;
        if (j1 > j2 && j1 > j3 && j1 > j4)
        {
            (r1, r2, r11, r22) = (r1a, r2a, r1b, r2b);
        }
        else if (j2 > j3 && j2 > j4)
        {
            (r1, r2, r11, r22) = (r1a, r2b, r1b, r2a);
        }
        else if (j3 > j4)
        {
            (r1, r2, r11, r22) = (r1b, r2a, r1a, r2b);
        }
        else
        {
            (r1, r2, r11, r22) = (r1b, r2b, r1a, r2a);
        }

        if (wrapSign != 0)
        {
            var sign1 = DSign(Get(point1, wrapAxis));
            var sign2 = DSign(Get(point2, wrapAxis));
            if (sign1 == wrapSign || sign2 == wrapSign)
            {
                var mm = ClosestPointOnLine(Point3.Zero, point1, p1p2, out var tt);
                tt = -tt;
                if (DistanceSquared(Point3.Zero, mm) < radius * radius && tt > 0.0 && tt < 1.0)
                {
                    returnCode = WrapStatus.MandatoryWrap;
                }
                else if (sign1 != sign2 && DSign(Get(mm, wrapAxis)) != wrapSign)
                {
                    returnCode = WrapStatus.Wrapped;
                }
                else
                {
                    return WrapStatus.NoWrap;
                }
            }

            if (sign1 != wrapSign || sign2 != wrapSign)
            {
                var wrapAxisVector = With(Point3.Zero, wrapAxis, wrapSign);
                var sumMuscle = Normalize(-point1 + -point2);
                if (r1am.Dot(sumMuscle) > r1bm.Dot(sumMuscle))
                {
                    (r1, r11) = (r1a, r1b);
                }
                else
                {
                    (r1, r11) = (r1b, r1a);
                }

                if (r2am.Dot(sumMuscle) > r2bm.Dot(sumMuscle))
                {
                    (r2, r22) = (r2a, r2b);
                }
                else
                {
                    (r2, r22) = (r2b, r2a);
                }

                // Flip to the other pair when these lead away from the allowed side.
                sumMuscle = Normalize((r1 - point1) + (r2 - point2));
                if (sumMuscle.Dot(wrapAxisVector) < 0.0)
                {
                    (r1, r2) = (r11, r22);
                }

                sumMuscle = (r1 - point1) + (r2 - point2);
                var sumR = r1 + r2;
                if (sumR.Dot(sumMuscle) < 0.0)
                {
                    farSideWrap = true;
                }
            }
        }

        var r1n = Normalize(r1);
        var r2n = Normalize(r2);
        var angle = Math.Acos(r1n.Dot(r2n));
        if (farSideWrap)
        {
            // OpenSim 4.3: the long way round is given a negative angle, hence a negative length.
            angle = -((2 * Math.PI) - angle);
            result.Trace |= WrapTrace.LongWay;
        }

        result.Length = radius * angle;
        result.Tangent1 = r1;
        result.Tangent2 = r2;

        // Display points on the great circle, about 2 mm apart.
        var axis = Normalize(r1n.Cross(r2n));
        var segments = Math.Max(1, (int)(Math.Abs(result.Length) / 0.002));
        result.AddPoint(r1);
        for (var i = 1; i < segments; i++)
        {
            result.AddPoint(Rotation3.AboutAxis(axis, angle * i / segments) * r1);
        }

        result.AddPoint(r2);
        return returnCode;
    }

    /// <summary>The two tangent points from <paramref name="end"/> in the plane with normal <paramref name="n"/>
    /// through the centre (OpenSim builds them by rotating the end-to-centre direction by ±asin(r/d)).</summary>
    private static (Point3 A, Point3 B) TangentCandidates(Point3 end, Point3 n, double radius, double distance)
    {
        var y = Normalize(-end);
        var z = n.Cross(y);
        var angle = Math.Asin(radius / distance);
        var c = Math.Cos(angle);
        var s = Math.Sin(angle);
        var columnA = (y * c) - (z * s);
        var columnB = (y * c) + (z * s);
        return (
            new Point3(end.X + (columnA.X * distance * c), end.Y + (columnA.Y * distance * c), end.Z + (columnA.Z * distance * c)),
            new Point3(end.X + (columnB.X * distance * c), end.Y + (columnB.Y * distance * c), end.Z + (columnB.Z * distance * c)));
    }

    /// <summary>A unit vector perpendicular to <paramref name="v"/> (for the degenerate segment through the centre).</summary>
    private static Point3 AnyPerpendicular(Point3 v)
    {
        var helper = Math.Abs(v.X) < 0.9 ? new Point3(1, 0, 0) : new Point3(0, 1, 0);
        return Normalize(v.Cross(helper));
    }
}
