using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;
using static ArmRnn.OpenSim.Engine.Paths.WrapMath;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>
/// A cylinder along the z axis of its frame, centred on the origin (OpenSim's <c>WrapCylinder</c>), wrapped as OpenSim
/// 4.3 does it.
/// </summary>
/// <remarks>
/// <para>The algorithm: candidate tangent points from each segment end to the circular cross-section; a choice among
/// them (by the quadrant when constrained, else the pair facing each other); a slide of the tangent points along the
/// cylinder to the plane through both ends and an "apex" on the surface; then a helix between the tangent points whose
/// length is <c>sqrt((r·θ)² + Δz²)</c> — the geodesic of the unrolled cylinder. The tangent points are then nudged
/// (by 1.5× the offset to the intersection of the end-to-helix line with the tangency edge, up to 100 times) until
/// the straight segments meet the helix within 0.1° — but only when the helix is at least 4 mm long (OpenSim checks
/// tangency at the second of its 2 mm display points). The reported length is therefore the helix length for those
/// tangent points, not an exact geodesic.</para>
/// <para>Constrained cylinders (a quadrant such as <c>+x</c>) force the path onto that side: a segment whose ends are
/// both on the other side, or that crosses over with its closest approach to the axis on the other side, is wrapped
/// around the allowed side (status <see cref="WrapStatus.Wrapped"/>), while a segment clear of the cylinder on the
/// allowed side does not wrap. In every case nothing wraps when both tangent points lie beyond the cylinder's
/// length.</para>
/// </remarks>
public sealed class WrapCylinder : WrapObject
{
    private const int MaxIterations = 100;
    private const double TangencyThreshold = 0.1 * Math.PI / 180.0;
    private static readonly Point3 AxisPoint = new(0.0, 0.0, -1.0);
    private static readonly Point3 AxisDirection = new(0.0, 0.0, 1.0);

    /// <summary>Creates the cylinder described by <paramref name="description"/>.</summary>
    /// <param name="description">Radius, length, placement and quadrant.</param>
    /// <exception cref="ArgumentException">A negative radius or length.</exception>
    public WrapCylinder(WrapCylinderDescription description)
        : base(description)
    {
        if (!(description.Radius >= 0) || !(description.Length >= 0))
        {
            throw new ArgumentException($"Wrap cylinder '{description.Name}': radius and length must not be negative.", nameof(description));
        }

        Radius = description.Radius;
        Length = description.Length;
    }

    /// <summary>Radius (m).</summary>
    public double Radius { get; }

    /// <summary>Length along z (m); the cylinder spans z in [-Length/2, Length/2].</summary>
    public double Length { get; }

    /// <inheritdoc />
    private protected override WrapStatus WrapLineCore(Point3 point1, Point3 point2, WrapMethod method, WrapResult result)
    {
        var radius = Radius;
        var rSquared = radius * radius;
        var p0 = AxisPoint;
        var dn = AxisDirection;
        var wrapSign = WrapSign;
        var wrapAxis = WrapAxis;
        var constrained = wrapSign != 0;
        var farSideWrap = false;
        var longWrap = false;
        var returnCode = WrapStatus.Wrapped;

        if (DistanceSquaredPointToLine(point1, p0, dn) < rSquared || DistanceSquaredPointToLine(point2, p0, dn) < rSquared)
        {
            return WrapStatus.InsideRadius;
        }

        // Closest approach of the segment to the cylinder's axis segment.
        var cylinderStart = new Point3(0.0, 0.0, -0.5 * Length);
        var cylinderEnd = new Point3(0.0, 0.0, 0.5 * Length);
        IntersectLines(point1, point2, cylinderStart, cylinderEnd, out var near12, out var t12, out var near00, out _);

        if (!constrained)
        {
            if (DistanceSquared(near12, near00) < rSquared && t12 > 0.0 && t12 < 1.0)
            {
                returnCode = WrapStatus.MandatoryWrap;
            }
            else
            {
                return WrapStatus.NoWrap;
            }
        }

        // Points on the axis closest to each end, and the candidate tangent points from each end.
        var p11 = ClosestPointOnLine(point1, p0, dn, out _);
        var p22 = ClosestPointOnLine(point2, p0, dn, out _);
        var (r1a, r1b, p11Distance) = TangentCandidates(point1, p11, radius, rSquared, dn);
        var (r2a, r2b, p22Distance) = TangentCandidates(point2, p22, radius, rSquared, dn);
        Point3 r1, r2;

        if (constrained)
        {
            var sign1 = DSign(Get(point1, wrapAxis));
            var sign2 = DSign(Get(point2, wrapAxis));
            if (sign1 == wrapSign || sign2 == wrapSign)
            {
                // An end on the allowed side: wrap if the segment cuts the cylinder; otherwise only if the ends are on
                // opposite sides and the closest approach is on the forbidden side.
                if (DistanceSquared(near12, near00) < rSquared && t12 > 0.0 && t12 < 1.0)
                {
                    returnCode = WrapStatus.MandatoryWrap;
                }
                else if (sign1 != sign2 && DSign(Get(near12, wrapAxis)) != wrapSign)
                {
                    returnCode = WrapStatus.Wrapped;
                }
                else
                {
                    return WrapStatus.NoWrap;
                }
            }

            var r1am = r1a - p11;
            var r1bm = r1b - p11;
            var r2am = r2a - p22;
            var r2bm = r2b - p22;
            var alpha = Angle(r1am, r2bm);
            var beta = Angle(r1bm, r2am);

            // Choose the tangent points on the active side (r1 decides; r2 when r1 cannot).
            var r1aActive = DSign(Get(r1a, wrapAxis)) == wrapSign;
            var r1bActive = DSign(Get(r1b, wrapAxis)) == wrapSign;
            if (r1aActive && r1bActive)
            {
                if (DSign(Get(r2a, wrapAxis)) == wrapSign)
                {
                    (r1, r2) = (r1b, r2a);
                    farSideWrap = !(alpha > beta);
                }
                else
                {
                    (r1, r2) = (r1a, r2b);
                    farSideWrap = alpha > beta;
                }
            }
            else if (r1aActive && !r1bActive)
            {
                (r1, r2) = (r1a, r2b);
                farSideWrap = alpha > beta;
            }
            else if (!r1aActive && r1bActive)
            {
                (r1, r2) = (r1b, r2a);
                farSideWrap = !(alpha > beta);
            }
            else if (DSign(Get(r2a, wrapAxis)) == wrapSign)
            {
                (r1, r2) = (r1b, r2a);
                farSideWrap = !(alpha > beta);
            }
            else if (DSign(Get(r2b, wrapAxis)) == wrapSign)
            {
                (r1, r2) = (r1a, r2b);
                farSideWrap = alpha > beta;
            }
            else
            {
                // None of the four candidates is on the active side.
                (r1, r2) = alpha > beta ? (r1a, r2b) : (r1b, r2a);
                farSideWrap = true;
            }

            // A long wrap goes more than half way round.
            var sumMuscle = (r1 - point1) + (r2 - point2);
            var sumR = (r1 - p11) + (r2 - p22);
            if (sumR.Dot(sumMuscle) < 0.0)
            {
                longWrap = true;
            }
        }
        else
        {
            var r1am = Normalize(r1a - p11);
            var r1bm = Normalize(r1b - p11);
            var r2am = Normalize(r2a - p22);
            var r2bm = Normalize(r2b - p22);
            var dot1 = r1am.Dot(r2am);
            var dot2 = r1am.Dot(r2bm);
            var dot3 = r1bm.Dot(r2am);
            var dot4 = r1bm.Dot(r2bm);
            if (dot1 > dot2 && dot1 > dot3 && dot1 > dot4)
            {
                (r1, r2) = (r1a, r2a);
            }
            else if (dot2 > dot3 && dot2 > dot4)
            {
                (r1, r2) = (r1a, r2b);
            }
            else if (dot3 > dot4)
            {
                (r1, r2) = (r1b, r2a);
            }
            else
            {
                (r1, r2) = (r1b, r2b);
            }
        }

        // The apex: where the plane through the ends and the axis point under the segment meets the surface.
        var t = p11Distance / (p11Distance + p22Distance);
        var mpt = new Point3(
            point1.X + (t * (point2.X - point1.X)),
            point1.Y + (t * (point2.Y - point1.Y)),
            point1.Z + (t * (point2.Z - point1.Z)));
        var axisPoint = ClosestPointOnLine(mpt, p0, dn, out _);
        var l1 = Normalize(point1 - axisPoint);
        var l2 = Normalize(point2 - axisPoint);
        var planeNormal = Normalize(l1.Cross(l2));
        var vert1 = Normalize(dn.Cross(planeNormal));
        var vert2 = Normalize(planeNormal.Cross(dn));
        var apex1 = axisPoint + (radius * vert1);
        var apex2 = axisPoint + (radius * vert2);
        var dist1 = DistanceSquared(mpt, apex1);
        var dist2 = DistanceSquared(mpt, apex2);
        var apex = farSideWrap
            ? (dist1 < dist2 ? apex2 : apex1)
            : (dist1 < dist2 ? apex1 : apex2);

        // Slide r1 and r2 along their lines of tangency to the plane through the ends and the apex.
        var uu = Normalize(point1 - apex);
        var vv = Normalize(point2 - apex);
        planeNormal = Normalize(uu.Cross(vv));
        var d = -(point1.X * planeNormal.X) - (point1.Y * planeNormal.Y) - (point1.Z * planeNormal.Z);
        var tenDn = 10.0 * dn;
        var r1Inter = IntersectLineSegmentPlane(r1 - tenDn, r1 + tenDn, planeNormal, d, out var r1p);
        var r2Inter = IntersectLineSegmentPlane(r2 - tenDn, r2 + tenDn, planeNormal, d, out var r2p);
        if (r1Inter)
        {
            // OpenSim passes p22 as the line's direction here (not as a second point).
            var projected = ClosestPointOnLine(r1p, p11, p22, out _);
            if (DistanceSquared(projected, p22) < DistanceSquared(p11, p22))
            {
                r1 = r1p;
            }
        }

        if (r2Inter)
        {
            var projected = ClosestPointOnLine(r2p, p11, p22, out _);
            if (DistanceSquared(projected, p11) < DistanceSquared(p22, p11))
            {
                r2 = r2p;
            }
        }

        // No wrap when both tangent points are beyond the cylinder's ends.
        var halfLength = Length / 2.0;
        if ((r1.Z < -halfLength || r1.Z > halfLength) && (r2.Z < -halfLength || r2.Z > halfLength))
        {
            return WrapStatus.NoWrap;
        }

        if (longWrap)
        {
            result.Trace |= WrapTrace.LongWay;
        }

        MakeSpiralPath(point1, point2, longWrap, ref r1, ref r2, result);
        result.Tangent1 = r1;
        result.Tangent2 = r2;
        return returnCode;
    }

    /// <summary>The two points of the circle through the axis point <paramref name="axisPoint"/> where lines from
    /// <paramref name="end"/> touch it, and the end's distance from the axis.</summary>
    private static (Point3 A, Point3 B, double Distance) TangentCandidates(Point3 end, Point3 axisPoint, double radius, double rSquared, Point3 dn)
    {
        var vv = Normalize(end - axisPoint, out var distanceToAxis);
        var sinTheta = radius / distanceToAxis;
        var dist = radius * sinTheta;
        var pp = axisPoint + (dist * vv);
        dist = Math.Sqrt(rSquared - (dist * dist));
        var uu = dn.Cross(vv);
        return (pp + (dist * uu), pp - (dist * uu), distanceToAxis);
    }

    /// <summary>OpenSim's <c>_make_spiral_path</c>: the helix from r1 to r2 and its length, adjusting r1 and r2 for
    /// tangency.</summary>
    private void MakeSpiralPath(Point3 point1, Point3 point2, bool farSideWrap, ref Point3 r1, ref Point3 r2, WrapResult result)
    {
        var sense = farSideWrap ? -1.0 : 1.0;
        var iterations = 0;
        var radius = Radius;

    restart:
        result.ClearPoints();
        var r1a = ClosestPointOnLine(r1, AxisPoint, AxisDirection, out _);
        var r2a = ClosestPointOnLine(r2, AxisPoint, AxisDirection, out _);
        var axialVector = r2a - r1a;
        var axialDistance = axialVector.Length;
        var uu = new Point3((r1.X - r1a.X) / radius, (r1.Y - r1a.Y) / radius, (r1.Z - r1a.Z) / radius);
        var vv = new Point3((r2.X - r2a.X) / radius, (r2.Y - r2a.Y) / radius, (r2.Z - r2a.Z) / radius);
        var theta = Angle(uu, vv);
        if (farSideWrap)
        {
            theta = (2.0 * Math.PI) - theta;
        }

        // The unrolled cylinder: a right triangle with legs r·θ and the axial distance.
        var x = radius * theta;
        var y = axialDistance;
        result.Length = Math.Sqrt((x * x) + (y * y));

        var ax = Normalize(uu.Cross(vv));

        // One display point every 2 mm (at least one); tangency is checked at the second.
        var segments = (int)(result.Length / 0.002);
        if (segments < 1)
        {
            segments = 1;
        }

        for (var i = 0; i < segments; i++)
        {
            var t = (double)i / segments;
            var wrapPoint = SpiralPoint(r1a, axialVector, uu, ax, sense, t, theta);
            if (i == 1 && iterations < MaxIterations)
            {
                var adjusted1 = AdjustTangentPoint(point1, ref r1, wrapPoint);
                var wrapPoint2 = SpiralPoint(r1a, axialVector, uu, ax, sense, 1.0 - t, theta);
                var adjusted2 = AdjustTangentPoint(point2, ref r2, wrapPoint2);
                if (adjusted1 || adjusted2)
                {
                    result.Trace |= WrapTrace.CylinderTangencyAdjusted;
                    iterations++;
                    goto restart;
                }
            }

            result.AddPoint(wrapPoint);
        }

        result.AddPoint(r2);
    }

    /// <summary>OpenSim's <c>_calc_spiral_wrap_point</c>: the helix point at fraction <paramref name="t"/>.</summary>
    private Point3 SpiralPoint(Point3 r1a, Point3 axialVector, Point3 radial, Point3 axis, double sense, double t, double theta)
    {
        var angle = sense * t * theta;
        var rotated = Rotation3.AboutAxis(axis, angle) * radial;
        var radius = Radius;
        return new Point3(
            r1a.X + (radius * rotated.X) + (t * axialVector.X),
            r1a.Y + (radius * rotated.Y) + (t * axialVector.Y),
            r1a.Z + (radius * rotated.Z) + (t * axialVector.Z));
    }

    /// <summary>OpenSim's <c>_adjust_tangent_point</c>: when the line from the end to the tangent point and the line from
    /// the tangent point into the helix differ in angle to the axis by more than 0.1°, slides the tangent point along
    /// the axis by 1.5 times its offset from the intersection of the end-to-helix-point line with the tangency edge.</summary>
    private static bool AdjustTangentPoint(Point3 end, ref Point3 tangent, Point3 wrapPoint)
    {
        var prVector = Normalize(tangent - end);
        var rwVector = Normalize(wrapPoint - tangent);
        var alpha = Math.Acos(prVector.Dot(AxisDirection));
        var omega = Math.Acos(rwVector.Dot(AxisDirection));
        if (Math.Abs(alpha - omega) > TangencyThreshold)
        {
            var p1a = ClosestPointOnLine(end, tangent, AxisDirection, out _);
            var w1a = ClosestPointOnLine(wrapPoint, tangent, AxisDirection, out _);
            IntersectLines(end, wrapPoint, p1a, w1a, out _, out _, out var edgeIntersection, out _);
            tangent = new Point3(
                tangent.X + (1.5 * (edgeIntersection.X - tangent.X)),
                tangent.Y + (1.5 * (edgeIntersection.Y - tangent.Y)),
                tangent.Z + (1.5 * (edgeIntersection.Z - tangent.Z)));
            return true;
        }

        return false;
    }
}
