using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;
using static ArmRnn.OpenSim.Engine.Paths.WrapMath;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>
/// An ellipsoid with semi-axes along the axes of its frame, centred on the origin (OpenSim's <c>WrapEllipsoid</c>),
/// wrapped with OpenSim 4.3's iterative algorithm, step for step.
/// </summary>
/// <remarks>
/// <para>A segment wraps only when the straight line between its ends passes through the ellipsoid (status
/// <see cref="WrapStatus.MandatoryWrap"/>). Everything is computed in coordinates scaled by
/// <c>3 / (a + b + c)</c>. The wrapping plane passes through both ends and a surface point <c>c1</c>, chosen by the
/// path wrap's method: <see cref="WrapMethod.Midpoint"/> takes the surface point closest to the middle of the chord;
/// <see cref="WrapMethod.Axial"/> ("Frans") takes the point where the chord crosses the coordinate plane normal to the
/// axis most parallel to it, and the closest point of that plane's ellipse; <see cref="WrapMethod.Hybrid"/> blends the
/// axial result (fading it out near the chord's ends) with a "fan" average of the directions to the closest surface
/// points of 298 chord samples, by how parallel the chord is to that axis (cosine 0.7073 to 0.9). A quadrant flips
/// <c>c1</c> to the allowed side (bisected towards the original by the fan weight and re-projected). The tangent
/// points are then found by a damped Gauss-Newton (Levenberg-Marquardt) search from <c>c1</c> on the four conditions
/// "in the plane, on the surface, tangent to the end", stopping at a squared residual of 1e-8 or 50 iterations. The
/// surface path is the plane's section, sampled at equal angles about a centre point in the plane into segments of
/// about 1 mm (at most 499); its length — what OpenSim reports — is that polyline's length. A constrained wrap whose
/// first or last surface step turns back towards its end is recomputed the long way round.</para>
/// <para>The closest point on the ellipsoid is the Graphics Gems IV Newton iteration (64 steps, |f| &lt; 1e-9), with
/// points within 2e-13 of a coordinate plane handled in that plane's ellipse. Should the 3D iteration not converge,
/// its output keeps its previous value, as in OpenSim — for <c>c1</c> that is the previous wrap's, kept in the
/// <see cref="WrapResult"/> passed in.</para>
/// </remarks>
public sealed class WrapEllipsoid : WrapObject
{
    private const double Tolerance = 0.0001;
    private const double Tiny = 0.00000001;
    private const double MuBlendMin = 0.7073;
    private const double MuBlendMax = 0.9;
    private const int FanSamples = 300;
    private const double SvBoundaryBlend = 0.3;
    private const double DesiredSegmentLength = 0.001;
    private const int MaxPathSegments = 499;

    /// <summary>Creates the ellipsoid described by <paramref name="description"/>.</summary>
    /// <param name="description">Semi-axes, placement and quadrant.</param>
    /// <exception cref="ArgumentException">A semi-axis that is not positive.</exception>
    public WrapEllipsoid(WrapEllipsoidDescription description)
        : base(description)
    {
        var d = description.Dimensions;
        if (!(d.X > 0) || !(d.Y > 0) || !(d.Z > 0))
        {
            throw new ArgumentException($"Wrap ellipsoid '{description.Name}': the semi-axes must be positive.", nameof(description));
        }

        Dimensions = d;
    }

    /// <summary>Semi-axis lengths along x, y, z (m).</summary>
    public Point3 Dimensions { get; }

    /// <inheritdoc />
    private protected override WrapStatus WrapLineCore(Point3 point1, Point3 point2, WrapMethod method, WrapResult result)
    {
        var wrapSign = WrapSign;
        var wrapAxis = WrapAxis;
        var c1 = result.C1;
        var sv = result.Sv;
        var fanWeight = double.NegativeInfinity;
        var closestFailed = false;

        // Work in coordinates where the semi-axes average 1.
        var factor = 3.0 / (Dimensions.X + Dimensions.Y + Dimensions.Z);
        var p1 = point1 * factor;
        var p2 = point2 * factor;
        var m = Point3.Zero * factor;
        var a = Dimensions * factor;

        var p1e = -1.0;
        var p2e = -1.0;
        for (var i = 0; i < 3; i++)
        {
            var q1 = (Get(p1, i) - Get(m, i)) / Get(a, i);
            var q2 = (Get(p2, i) - Get(m, i)) / Get(a, i);
            p1e += q1 * q1;
            p2e += q2 * q2;
        }

        if (p1e < -0.0001 || p2e < -0.0001)
        {
            return WrapStatus.InsideRadius;
        }

        var p1p2 = p1 - p2;
        var p1m = Normalize(p1 - m);
        var p2m = Normalize(p2 - m);
        var ppm = p1m.Dot(p2m) - 1.0;
        if (Math.Abs(ppm) < 0.0001)
        {
            // The ends are in line with the centre.
            return WrapStatus.NoWrap;
        }

        // Does the segment cross the ellipsoid?
        var f1 = DivideComponents(p1p2, a);
        var f2 = DivideComponents(p2 - m, a);
        var aa = f1.Dot(f1);
        var bb = 2.0 * f1.Dot(f2);
        var cc = f2.Dot(f2) - 1.0;
        var disc = (bb * bb) - (4.0 * aa * cc);
        if (disc < 0.0)
        {
            return WrapStatus.NoWrap;
        }

        var l1 = (-bb + Math.Sqrt(disc)) / (2.0 * aa);
        var l2 = (-bb - Math.Sqrt(disc)) / (2.0 * aa);
        if (!(l1 > 0.0 && l1 < 1.0) || !(l2 > 0.0 && l2 < 1.0))
        {
            return WrapStatus.NoWrap;
        }

        // r1, r2: where the segment enters and leaves.
        var r1 = p2 + (l1 * p1p2);
        var r2 = p2 + (l2 * p1p2);

        // ==== The wrapping plane ====
        var r1r2 = r2 - r1;
        var mu = Normalize(p1p2);
        mu = new Point3(Math.Abs(mu.X), Math.Abs(mu.Y), Math.Abs(mu.Z));
        Span<double> muValues = stackalloc double[3];
        muValues[0] = mu.X;
        muValues[1] = mu.Y;
        muValues[2] = mu.Z;
        Span<double> t = stackalloc double[3];
        Span<Point3> tsv = stackalloc Point3[3];
        Span<Point3> tc1 = stackalloc Point3[3];

        // (1) Axial ("Frans"): where the segment crosses each coordinate plane, and the closest point of that plane's
        // ellipse.
        for (var i = 0; i < 3; i++)
        {
            t[i] = (Get(m, i) - Get(r1, i)) / Get(r1r2, i);
            tsv[i] = r1 + (t[i] * r1r2);
            closestFailed |= !FindClosestPoint(a, tsv[i], ref tc1[i], i);
        }

        var bestMu = 0;
        for (var i = 1; i < 3; i++)
        {
            if (muValues[i] > muValues[bestMu])
            {
                bestMu = i;
            }
        }

        if (method is WrapMethod.Hybrid or WrapMethod.Axial)
        {
            if (method == WrapMethod.Hybrid && muValues[bestMu] > MuBlendMin)
            {
                // Fade out an axial solution whose crossing point is near or beyond the chord's ends.
                var s = 1.0;
                if (t[bestMu] < 0.0 || t[bestMu] > 1.0)
                {
                    s = 0.0;
                }
                else if (t[bestMu] < SvBoundaryBlend)
                {
                    s = t[bestMu] / SvBoundaryBlend;
                }
                else if (t[bestMu] > (1.0 - SvBoundaryBlend))
                {
                    s = (1.0 - t[bestMu]) / SvBoundaryBlend;
                }

                if (s < 1.0)
                {
                    muValues[bestMu] = MuBlendMin + (s * (muValues[bestMu] - MuBlendMin));
                }
            }

            if (method == WrapMethod.Axial || muValues[bestMu] > MuBlendMin)
            {
                c1 = tc1[bestMu];
                sv = tsv[bestMu];
                result.Trace |= WrapTrace.EllipsoidAxial;
            }

            if (method == WrapMethod.Hybrid && muValues[bestMu] < MuBlendMax)
            {
                // (2) Fan: average the directions from chord samples to their closest surface points.
                result.Trace |= WrapTrace.EllipsoidFan;
                var sum = Point3.Zero;
                tsv[2] = r1 + (0.5 * r1r2);
                for (var i = 1; i < FanSamples - 1; i++)
                {
                    var tt = (double)i / FanSamples;
                    tsv[0] = r1 + (tt * r1r2);
                    closestFailed |= !FindClosestPoint(a, tsv[0], ref tc1[0], -1);
                    sum += Normalize(tc1[0] - tsv[0]);
                }

                sum = Normalize(sum);
                tc1[0] = tsv[2] + sum;
                if (muValues[bestMu] <= MuBlendMin)
                {
                    closestFailed |= !FindClosestPoint(a, tc1[0], ref c1, -1);
                    sv = tsv[2];
                    fanWeight = 1.0;
                }
                else
                {
                    var tt = (muValues[bestMu] - MuBlendMin) / (MuBlendMax - MuBlendMin);
                    var oneMinusT = 1.0 - tt;
                    closestFailed |= !FindClosestPoint(a, tc1[0], ref tc1[1], -1);
                    tc1[2] = (tt * c1) + (oneMinusT * tc1[1]);
                    sv = (tt * sv) + (oneMinusT * tsv[2]);
                    closestFailed |= !FindClosestPoint(a, tc1[2], ref c1, -1);
                    fanWeight = oneMinusT;
                }
            }
        }
        else
        {
            sv = r1 + (0.5 * (r2 - r1));
            closestFailed |= !FindClosestPoint(a, sv, ref c1, -1);
            result.Trace |= WrapTrace.EllipsoidMidpoint;
        }

        // Start the tangent point searches from c1 (the axial method keeps the crossing points when its crossing is
        // outside the chord).
        var useC1 = method != WrapMethod.Axial || (t[bestMu] > 0.0 && t[bestMu] < 1.0);
        if (useC1)
        {
            r1 = r2 = c1;
        }

        // A constrained wrap: move c1 to the allowed side.
        if (wrapSign != 0)
        {
            var dist = Get(c1, wrapAxis) - Get(m, wrapAxis);
            if (DSign(dist) != wrapSign)
            {
                result.Trace |= WrapTrace.EllipsoidQuadrantFlip;
                var originalC1 = c1;
                c1 = With(c1, wrapAxis, -Get(c1, wrapAxis));
                r1 = r2 = c1;

                // (In OpenSim 4.3 this test compares with -infinity and is never true.)
                if (EqualWithinError(fanWeight, double.NegativeInfinity))
                {
                    fanWeight = 1.0 - ((muValues[bestMu] - MuBlendMin) / (MuBlendMax - MuBlendMin));
                }

                if (fanWeight > 1.0)
                {
                    fanWeight = 1.0;
                }

                if (fanWeight > 0.0)
                {
                    var bisection = (Get(originalC1, wrapAxis) + Get(c1, wrapAxis)) / 2.0;
                    c1 = With(c1, wrapAxis, Get(c1, wrapAxis) + (fanWeight * (bisection - Get(c1, wrapAxis))));
                    var start = c1;
                    closestFailed |= !FindClosestPoint(a, start, ref c1, -1);
                }
            }
        }

        // The plane through p1, p2 and c1.
        var p1c1 = p1 - c1;
        var vs = Normalize(p1p2.Cross(p1c1));
        var vs4 = -vs.Dot(c1);

        if (!CalcTangentPoint(p1e, ref r1, p1, m, a, vs, vs4) | !CalcTangentPoint(p2e, ref r2, p2, m, a, vs, vs4))
        {
            result.Trace |= WrapTrace.EllipsoidTangentIterationLimit;
        }

        var farSideWrap = false;
        while (true)
        {
            var length = CalcDistanceOnEllipsoid(r1, r2, m, a, vs, vs4, farSideWrap, factor, result);
            if (length.HasValue)
            {
                result.Length = length.Value;
            }

            var count = result.SurfacePointCount;
            if (wrapSign != 0 && count > 2 && !farSideWrap)
            {
                // A wrong-way wrap: the first or last surface step turns back towards its end.
                var w1 = result.PointAt(1);
                var w2 = result.PointAt(count - 2);
                var r1p1 = Normalize(p1 - r1);
                var r1w1 = Normalize(w1 - r1);
                var r2p2 = Normalize(p2 - r2);
                var r2w2 = Normalize(w2 - r2);
                if (r1p1.Dot(r1w1) > 0.0 || r2p2.Dot(r2w2) > 0.0)
                {
                    farSideWrap = true;
                    result.Trace |= WrapTrace.EllipsoidFarSide;
                    continue;
                }
            }

            break;
        }

        // Back to unscaled coordinates.
        result.Length /= factor;
        var inverse = 1.0 / factor;
        for (var i = 0; i < result.SurfacePointCount; i++)
        {
            ref var point = ref result.PointAt(i);
            point *= inverse;
        }

        if (closestFailed)
        {
            result.Trace |= WrapTrace.EllipsoidClosestPointFailed;
        }

        result.Tangent1 = r1 / factor;
        result.Tangent2 = r2 / factor;
        result.C1 = c1;
        result.Sv = sv;
        return WrapStatus.MandatoryWrap;
    }

    /// <summary>
    /// OpenSim's <c>calcTangentPoint</c>: moves <paramref name="r1"/> (from its start on the plane side of the
    /// ellipsoid) to the point of the ellipsoid, in the plane <c>vs·x + vs4 = 0</c>, where the line from
    /// <paramref name="p1"/> is tangent — a damped Gauss-Newton search on the residuals (plane, surface, tangent plane
    /// through r1 and through p1), with OpenSim's step damping, step doubling and tolerances. Returns whether the
    /// residual reached the tolerance.
    /// </summary>
    private static bool CalcTangentPoint(double p1e, ref Point3 r1, Point3 p1, Point3 m, Point3 a, Point3 vs, double vs4)
    {
        if (Math.Abs(p1e) < Tolerance)
        {
            r1 = p1;
            return true;
        }

        const int maxIterations = 50;
        const int maxInnerIterations = 1000;
        var alpha = 0.01;
        Span<double> ee = stackalloc double[4];
        Span<double> v = stackalloc double[4];
        Span<double> diag = stackalloc double[4];
        Span<double> vt = stackalloc double[4];
        Span<double> dedth = stackalloc double[16];
        Span<double> dedth2 = stackalloc double[16];
        Span<double> inverse = stackalloc double[16];
        Span<double> lu = stackalloc double[16];
        Span<int> pivots = stackalloc int[4];
        var a2 = new Point3(a.X * a.X, a.Y * a.Y, a.Z * a.Z);

        var nr1 = DivideComponents(2.0 * (r1 - m), a2);
        var d1 = -nr1.Dot(r1);
        var ssq = Residuals(r1, d1, p1, m, a, a2, vs, vs4, ee);
        var ssqo = ssq;
        var iteration = 0;
        while (ssq > Tiny && iteration < maxIterations)
        {
            iteration++;
            for (var i = 0; i < 3; i++)
            {
                var ai2 = Get(a, i) * Get(a, i);
                dedth[(i * 4) + 0] = Get(vs, i);
                dedth[(i * 4) + 1] = 2.0 * (Get(r1, i) - Get(m, i)) / ai2;
                dedth[(i * 4) + 2] = 2.0 * ((2.0 * Get(r1, i)) - Get(m, i)) / ai2;
                dedth[(i * 4) + 3] = 2.0 * Get(p1, i) / ai2;
            }

            dedth[12] = 0.0;
            dedth[13] = 0.0;
            dedth[14] = 1.0;
            dedth[15] = 1.0;

            // Damp the step as the line from p1 to r1 approaches the line from p1 to the centre.
            var p1r1 = Normalize(p1 - r1);
            var p1m = Normalize(p1 - m);
            var pcos = p1r1.Dot(p1m);
            var dd = pcos > 0.1 ? 1.0 - Math.Pow(pcos, 100) : 1.0;

            for (var i = 0; i < 4; i++)
            {
                v[i] = 0.0;
                for (var j = 0; j < 4; j++)
                {
                    v[i] -= dedth[(i * 4) + j] * ee[j];
                }
            }

            for (var i = 0; i < 4; i++)
            {
                for (var j = 0; j < 4; j++)
                {
                    var sum = 0.0;
                    for (var k = 0; k < 4; k++)
                    {
                        sum += dedth[(i * 4) + k] * dedth[(j * 4) + k];
                    }

                    dedth2[(i * 4) + j] = sum;
                }
            }

            for (var i = 0; i < 4; i++)
            {
                diag[i] = dedth2[(i * 4) + i];
            }

            // Raise the damping until a step lowers the residual.
            var inner = 0;
            while (ssq >= ssqo && inner < maxInnerIterations)
            {
                for (var i = 0; i < 4; i++)
                {
                    dedth2[(i * 4) + i] = diag[i] * (1.0 + alpha);
                }

                Invert4(dedth2, inverse, lu, pivots);
                for (var i = 0; i < 4; i++)
                {
                    var sum = 0.0;
                    for (var j = 0; j < 4; j++)
                    {
                        sum += dd * inverse[(i * 4) + j] * v[j] / 16.0;
                    }

                    vt[i] = sum;
                }

                r1 = new Point3(r1.X + vt[0], r1.Y + vt[1], r1.Z + vt[2]);
                d1 += vt[3];
                ssqo = ssq;
                ssq = Residuals(r1, d1, p1, m, a, a2, vs, vs4, ee);
                alpha *= 4.0;
                inner++;
            }

            alpha /= 8.0;

            // Then keep doubling the step while the residual falls.
            var fakt = 0.5;
            inner = 0;
            while (ssq <= ssqo && inner < maxInnerIterations)
            {
                fakt *= 2.0;
                r1 = new Point3(r1.X + (vt[0] * fakt), r1.Y + (vt[1] * fakt), r1.Z + (vt[2] * fakt));
                d1 += vt[3] * fakt;
                ssqo = ssq;
                ssq = Residuals(r1, d1, p1, m, a, a2, vs, vs4, ee);
                inner++;
            }

            r1 = new Point3(r1.X - (vt[0] * fakt), r1.Y - (vt[1] * fakt), r1.Z - (vt[2] * fakt));
            d1 -= vt[3] * fakt;
            ssq = Residuals(r1, d1, p1, m, a, a2, vs, vs4, ee);
            ssqo = ssq;
        }

        return ssq <= Tiny;
    }

    /// <summary>The four residuals of <see cref="CalcTangentPoint"/> into <paramref name="ee"/>; returns their sum of
    /// squares.</summary>
    private static double Residuals(Point3 r1, double d1, Point3 p1, Point3 m, Point3 a, Point3 a2, Point3 vs, double vs4, Span<double> ee)
    {
        var nr1 = DivideComponents(2.0 * (r1 - m), a2);
        ee[0] = vs.Dot(r1) + vs4;
        var e1 = -1.0;
        for (var i = 0; i < 3; i++)
        {
            var q = (Get(r1, i) - Get(m, i)) / Get(a, i);
            e1 += q * q;
        }

        ee[1] = e1;
        ee[2] = nr1.Dot(r1) + d1;
        ee[3] = nr1.Dot(p1) + d1;
        return (ee[0] * ee[0]) + (ee[1] * ee[1]) + (ee[2] * ee[2]) + (ee[3] * ee[3]);
    }

    /// <summary>
    /// OpenSim's <c>CalcDistanceOnEllipsoid</c> (scaled coordinates): the surface path from r1 to r2 in the wrapping
    /// plane, sampled at equal angles about the plane's point on the axis most normal to it, into segments of about
    /// 1 mm; writes its points into <paramref name="result"/> and returns the polyline's length (null in OpenSim's
    /// unreachable no-segment case, which leaves the previous length and points).
    /// </summary>
    private static double? CalcDistanceOnEllipsoid(
        Point3 r1, Point3 r2, Point3 m, Point3 a, Point3 vs, double vs4, bool farSideWrap, double factor, WrapResult result)
    {
        var dr = r1 - r2;
        var length = dr.Length / factor;
        if (length < DesiredSegmentLength)
        {
            // Too short to sample: the chord.
            result.ClearPoints();
            result.AddPoint(r1);
            result.AddPoint(r2);
            return length * factor;
        }

        var segments = (int)(length / DesiredSegmentLength);
        if (segments <= 0)
        {
            result.Length = length;
            return null;
        }

        if (segments > MaxPathSegments)
        {
            segments = MaxPathSegments;
        }

        var interiorPoints = segments - 1;
        var imax = 0;
        for (var i = 1; i < 3; i++)
        {
            if (Math.Abs(Get(vs, i)) > Math.Abs(Get(vs, imax)))
            {
                imax = i;
            }
        }

        var u = UnitAxis(imax);
        var mu = (-vs.Dot(m) - vs4) / vs.Dot(u);
        var a0 = m + (mu * u);
        var ar1 = Normalize(r1 - a0);
        var ar2 = Normalize(r2 - a0);
        var phi0 = Math.Acos(ar1.Dot(ar2));
        var dphi = farSideWrap ? -((2 * Math.PI) - phi0) / segments : phi0 / segments;
        var vsz = Normalize(ar1.Cross(ar2));
        var vsy = vsz.Cross(ar1);
        var f2 = DivideComponents(a0 - m, a);
        var cc = f2.Dot(f2) - 1.0;

        result.ClearPoints();
        result.AddPoint(r1);
        for (var i = 0; i < interiorPoints; i++)
        {
            var phi = (i + 1) * dphi;
            var cos = Math.Cos(phi);
            var sin = Math.Sin(phi);
            var r = new Point3(
                (ar1.X * cos) + (vsy.X * sin) + (vsz.X * 0.0),
                (ar1.Y * cos) + (vsy.Y * sin) + (vsz.Y * 0.0),
                (ar1.Z * cos) + (vsy.Z * sin) + (vsz.Z * 0.0));
            var f1 = DivideComponents(r, a);
            var aa = f1.Dot(f1);
            var bb = 2.0 * f1.Dot(f2);
            var mu3 = (-bb + Math.Sqrt((bb * bb) - (4.0 * aa * cc))) / (2.0 * aa);
            result.AddPoint(a0 + (mu3 * r));
        }

        result.AddPoint(r2);
        var total = 0.0;
        for (var i = 0; i < segments; i++)
        {
            total += (result.PointAt(i + 1) - result.PointAt(i)).Length;
        }

        return total;
    }

    /// <summary>
    /// OpenSim's <c>findClosestPoint</c> (Graphics Gems IV): the point of the ellipsoid with semi-axes
    /// <paramref name="a"/> closest to <paramref name="point"/>. A point within 2e-13 of a coordinate plane (or a
    /// forced <paramref name="specialCaseAxis"/>) is solved in that plane's ellipse, keeping its own coordinate along
    /// that axis. The general case leaves <paramref name="closest"/> unchanged when Newton's method does not converge
    /// in 64 steps; the result says whether it did.
    /// </summary>
    private bool FindClosestPoint(Point3 a, Point3 point, ref Point3 closest, int specialCaseAxis)
    {
        var (u, v, w) = (point.X, point.Y, point.Z);
        if (specialCaseAxis < 0)
        {
            var minEllipseRadiiSum = double.PositiveInfinity;
            for (var i = 0; i < 3; i++)
            {
                if (EqualWithinError(0.0, Get(point, i)))
                {
                    var ellipseRadiiSum = 0.0;
                    for (var j = 0; j < 3; j++)
                    {
                        if (j != i)
                        {
                            ellipseRadiiSum += Get(Dimensions, j);
                        }
                    }

                    if (minEllipseRadiiSum > ellipseRadiiSum)
                    {
                        specialCaseAxis = i;
                        minEllipseRadiiSum = ellipseRadiiSum;
                    }
                }
            }
        }

        switch (specialCaseAxis)
        {
            case 0:
            {
                var (y, z) = ClosestPointToEllipse(a.Y, a.Z, v, w);
                closest = new Point3(u, y, z);
                return true;
            }

            case 1:
            {
                var (z, x) = ClosestPointToEllipse(a.Z, a.X, w, u);
                closest = new Point3(x, v, z);
                return true;
            }

            case 2:
            {
                var (x, y) = ClosestPointToEllipse(a.X, a.Y, u, v);
                closest = new Point3(x, y, w);
                return true;
            }

            default:
                break;
        }

        var a2 = a.X * a.X;
        var b2 = a.Y * a.Y;
        var c2 = a.Z * a.Z;
        var a2u2 = a2 * (u * u);
        var b2v2 = b2 * (v * v);
        var c2w2 = c2 * (w * w);
        double t;
        if (((u / a.X) * (u / a.X)) + ((v / a.Y) * (v / a.Y)) + ((w / a.Z) * (w / a.Z)) < 1.0)
        {
            t = 0.0;
        }
        else
        {
            var max = a.X;
            if (a.Y > max)
            {
                max = a.Y;
            }

            if (a.Z > max)
            {
                max = a.Z;
            }

            t = max * Math.Sqrt((u * u) + (v * v) + (w * w));
        }

        for (var i = 0; i < 64; i++)
        {
            var p = t + a2;
            var p2 = p * p;
            var q = t + b2;
            var q2 = q * q;
            var r = t + c2;
            var r2 = r * r;
            var f = (p2 * q2 * r2) - (a2u2 * q2 * r2) - (b2v2 * p2 * r2) - (c2w2 * p2 * q2);
            if (Math.Abs(f) < 1e-09)
            {
                closest = new Point3(a2 * u / p, b2 * v / q, c2 * w / r);
                return true;
            }

            var pq = p * q;
            var pr = p * r;
            var qr = q * r;
            var pqr = p * q * r;
            var fp = 2.0 * ((pqr * (qr + pr + pq)) - (a2u2 * qr * (q + r)) - (b2v2 * pr * (p + r)) - (c2w2 * pq * (p + q)));
            t -= f / fp;
        }

        return false;
    }

    /// <summary>OpenSim's <c>closestPointToEllipse</c> (Graphics Gems IV): the point of the ellipse with semi-axes
    /// <paramref name="a"/>, <paramref name="b"/> closest to (<paramref name="u"/>, <paramref name="v"/>), with points
    /// within 2e-13 of an axis handled in closed form.</summary>
    private static (double X, double Y) ClosestPointToEllipse(double a, double b, double u, double v)
    {
        var a2 = a * a;
        var b2 = b * b;
        var a2u2 = a2 * (u * u);
        var b2v2 = b2 * (v * v);
        var nearXOrigin = EqualWithinError(0.0, u);
        var nearYOrigin = EqualWithinError(0.0, v);

        if (nearXOrigin && nearYOrigin)
        {
            return a < b ? (u < 0.0 ? -a : a, v) : (u, v < 0.0 ? -b : b);
        }

        if (nearXOrigin)
        {
            if (a >= b || Math.Abs(v) >= b - (a2 / b))
            {
                return (u, v >= 0 ? b : -b);
            }

            var y = b2 * v / (b2 - a2);
            var ydb = y / b;
            return (a * Math.Sqrt(Math.Abs(1 - (ydb * ydb))), y);
        }

        if (nearYOrigin)
        {
            if (b >= a || Math.Abs(u) >= a - (b2 / a))
            {
                return (u >= 0 ? a : -a, v);
            }

            var x = a2 * u / (a2 - b2);
            var xda = x / a;
            return (x, b * Math.Sqrt(Math.Abs(1 - (xda * xda))));
        }

        double t;
        if (((u / a) * (u / a)) + ((v / b) * (v / b)) < 1.0)
        {
            t = 0.0;
        }
        else
        {
            var max = a;
            if (b > max)
            {
                max = b;
            }

            t = max * Math.Sqrt((u * u) + (v * v));
        }

        double p = 0.0, q = 0.0;
        for (var i = 0; i < 64; i++)
        {
            p = t + a2;
            var p2 = p * p;
            q = t + b2;
            var q2 = q * q;
            var f = (p2 * q2) - (a2u2 * q2) - (b2v2 * p2);
            if (Math.Abs(f) < 1e-09)
            {
                break;
            }

            var fp = 2.0 * ((p * q * (p + q)) - (a2u2 * q) - (b2v2 * p));
            t -= f / fp;
        }

        return (a2 * u / p, b2 * v / q);
    }

    /// <summary>The inverse of a 4×4 row-major matrix by LU factorisation with partial pivoting and LAPACK's
    /// <c>getri</c> scheme (what <c>SimTK::Mat44::invert</c> calls). A singular matrix gives non-finite entries.</summary>
    private static void Invert4(ReadOnlySpan<double> matrix, Span<double> inverse, Span<double> lu, Span<int> pivots)
    {
        const int n = 4;
        matrix.CopyTo(lu);

        // getf2: A = P L U, unit lower L, by columns.
        for (var j = 0; j < n; j++)
        {
            var p = j;
            var maxAbs = Math.Abs(lu[(j * n) + j]);
            for (var i = j + 1; i < n; i++)
            {
                var candidate = Math.Abs(lu[(i * n) + j]);
                if (candidate > maxAbs)
                {
                    maxAbs = candidate;
                    p = i;
                }
            }

            pivots[j] = p;
            if (p != j)
            {
                for (var k = 0; k < n; k++)
                {
                    (lu[(j * n) + k], lu[(p * n) + k]) = (lu[(p * n) + k], lu[(j * n) + k]);
                }
            }

            var pivot = lu[(j * n) + j];
            if (pivot != 0.0)
            {
                var reciprocal = 1.0 / pivot;
                for (var i = j + 1; i < n; i++)
                {
                    lu[(i * n) + j] *= reciprocal;
                }
            }

            for (var i = j + 1; i < n; i++)
            {
                var lij = lu[(i * n) + j];
                for (var k = j + 1; k < n; k++)
                {
                    lu[(i * n) + k] -= lij * lu[(j * n) + k];
                }
            }
        }

        // trti2: invert U in place (upper, non-unit).
        for (var j = 0; j < n; j++)
        {
            lu[(j * n) + j] = 1.0 / lu[(j * n) + j];
            var ajj = -lu[(j * n) + j];

            // x = U[0..j-1, 0..j-1] (already inverted) * x, x = column j above the diagonal.
            for (var col = 0; col < j; col++)
            {
                var temp = lu[(col * n) + j];
                if (temp != 0.0)
                {
                    for (var i = 0; i < col; i++)
                    {
                        lu[(i * n) + j] += temp * lu[(i * n) + col];
                    }

                    lu[(col * n) + j] = temp * lu[(col * n) + col];
                }
            }

            for (var i = 0; i < j; i++)
            {
                lu[(i * n) + j] *= ajj;
            }
        }

        // getri: solve inv(A) L = inv(U), column by column from the right.
        Span<double> work = stackalloc double[n];
        for (var j = n - 1; j >= 0; j--)
        {
            for (var i = j + 1; i < n; i++)
            {
                work[i] = lu[(i * n) + j];
                lu[(i * n) + j] = 0.0;
            }

            for (var k = j + 1; k < n; k++)
            {
                var temp = -work[k];
                if (temp != 0.0)
                {
                    for (var i = 0; i < n; i++)
                    {
                        lu[(i * n) + j] += temp * lu[(i * n) + k];
                    }
                }
            }
        }

        // Undo the row interchanges as column interchanges.
        for (var j = n - 2; j >= 0; j--)
        {
            var p = pivots[j];
            if (p != j)
            {
                for (var i = 0; i < n; i++)
                {
                    (lu[(i * n) + j], lu[(i * n) + p]) = (lu[(i * n) + p], lu[(i * n) + j]);
                }
            }
        }

        lu.CopyTo(inverse);
    }
}
