using ArmRnn.Geometry;
using ArmRnn.OpenSim.Engine.Paths;
using ArmRnn.OpenSim.Model;
using Xunit.Abstractions;

namespace ArmRnn.OpenSim.Tests.Paths;

/// <summary>Wrap objects against closed-form geodesics, and their side (quadrant) behaviour.</summary>
public class WrapGeometryTests(ITestOutputHelper output)
{
    private const double Degree = Math.PI / 180;

    /// <summary>
    /// Cylinder of radius r = 2 cm along z; both ends at D = 5 cm from the axis, at azimuths 100° and 260°, so the
    /// segment crosses the cylinder on the −x side (a 160° gap). Seen along the axis, the path is the two tangent lines
    /// (each √(D² − r²) long, touching at acos(r/D) from its end's azimuth) and an arc of θ = 160° − 2·acos(r/D).
    /// Unrolling the cylinder and the tangent planes into one plane, the geodesic is a straight line with horizontal
    /// run H = 2√(D² − r²) + r·θ and rise Δz: L = √(H² + Δz²); its part on the cylinder is the helix
    /// √((r·θ)² + (Δz·r·θ/H)²). OpenSim stops adjusting the tangent points once the lines meet the helix within 0.1°,
    /// so with a rise its length exceeds the geodesic by a second-order amount (2e-8 m here at Δz = 15 cm).
    /// </summary>
    [Theory]
    [InlineData(0.0, 1e-12)]
    [InlineData(0.06, 1e-8)]
    [InlineData(0.15, 1e-7)]
    public void Cylinder_wrap_follows_the_unrolled_helix_geodesic(double rise, double tolerance)
    {
        const double r = 0.02, d = 0.05;
        var p1 = new Point3(d * Math.Cos(100 * Degree), d * Math.Sin(100 * Degree), -rise / 2);
        var p2 = new Point3(d * Math.Cos(260 * Degree), d * Math.Sin(260 * Degree), rise / 2);
        var theta = (160 * Degree) - (2 * Math.Acos(r / d));
        var run = (2 * Math.Sqrt((d * d) - (r * r))) + (r * theta);
        var expected = Math.Sqrt((run * run) + (rise * rise));
        var expectedArc = Math.Sqrt(Math.Pow(r * theta, 2) + Math.Pow(rise * r * theta / run, 2));

        var evaluator = WrapTestPaths.Evaluator(WrapTestPaths.Cylinder(r, 0.4), p1, p2);
        var length = evaluator.ComputeLength(WrapTestPaths.Ground);
        var wrap = evaluator.GetWrapResult(0);

        Assert.NotNull(wrap);
        Assert.Equal(WrapStatus.MandatoryWrap, wrap.Status);
        output.WriteLine($"rise {rise}: length − geodesic = {length - expected:E3} m, helix − geodesic helix = {wrap.Length - expectedArc:E3} m");
        Assert.InRange(length - expected, -1e-12, tolerance);
        Assert.Equal(r, Math.Sqrt((wrap.Tangent1.X * wrap.Tangent1.X) + (wrap.Tangent1.Y * wrap.Tangent1.Y)), 1e-12);
        Assert.Equal(r, Math.Sqrt((wrap.Tangent2.X * wrap.Tangent2.X) + (wrap.Tangent2.Y * wrap.Tangent2.Y)), 1e-12);
        Assert.True(wrap.Tangent1.X < 0 && wrap.Tangent2.X < 0, "the wrap is on the −x side, where the segment crosses");
        if (rise == 0)
        {
            Assert.Equal(r * theta, wrap.Length, 1e-12);
        }
    }

    /// <summary>Sphere of radius r: for ends at distances d1, d2 from the centre, an angle ψ apart as seen from it, the
    /// path is two tangent lines √(dᵢ² − r²) and the great-circle arc r·(ψ − acos(r/d1) − acos(r/d2)).</summary>
    [Fact]
    public void Sphere_wrap_is_two_tangent_lines_and_a_great_circle_arc()
    {
        const double r = 0.02;
        var p1 = new Point3(-0.05, 0.005, 0.003);
        var p2 = new Point3(0.05, 0.002, -0.004);
        var expected = SphereGeodesic(r, p1, p2, out var arc);

        var evaluator = WrapTestPaths.Evaluator(WrapTestPaths.Sphere(r), p1, p2);
        var length = evaluator.ComputeLength(WrapTestPaths.Ground);
        var wrap = evaluator.GetWrapResult(0);

        Assert.NotNull(wrap);
        Assert.Equal(expected, length, 1e-12);
        Assert.Equal(arc, wrap.Length, 1e-12);
        Assert.Equal(r, wrap.Tangent1.Length, 1e-12);
        Assert.Equal(r, wrap.Tangent2.Length, 1e-12);
        foreach (var point in wrap.SurfacePoints)
        {
            Assert.Equal(r, point.Length, 1e-12);
        }
    }

    /// <summary>
    /// An ellipsoid with equal semi-axes is a sphere, and each of OpenSim's three methods finds its great circle; the
    /// length differs from the exact one only by OpenSim's discretisation: the surface path is a polyline of
    /// n = max(1, ⌊chord / 1 mm⌋) equal-angle chords, each shorter than its arc s = arc/n by (s/R)²/24 of it — about
    /// 1e-4 of the arc at R = 2 cm, up to 4e-4 for arcs of 1-2 mm — plus the tangent-point search tolerance (a squared
    /// residual of 1e-8 in coordinates scaled by 3/(a+b+c)). Stated accuracy: ellipsoid = sphere − arc·(s/R)²/24 within
    /// 1e-7 m (measured: 5e-8 m); in absolute terms the ellipsoid is within 3e-6 m of the sphere here.
    /// </summary>
    [Theory]
    [InlineData(WrapMethod.Hybrid)]
    [InlineData(WrapMethod.Midpoint)]
    [InlineData(WrapMethod.Axial)]
    public void Ellipsoid_with_equal_semi_axes_matches_the_sphere(WrapMethod method)
    {
        const double r = 0.02;
        var random = new Random(3);
        var worst = 0.0;
        var worstExcess = 0.0;
        var wrapped = 0;
        for (var trial = 0; trial < 1000; trial++)
        {
            var p1 = RandomPoint(random, 0.03, 0.08);
            var p2 = RandomPoint(random, 0.03, 0.08);
            var sphere = WrapTestPaths.Evaluator(WrapTestPaths.Sphere(r), p1, p2);
            var sphereLength = sphere.ComputeLength(WrapTestPaths.Ground);
            var ellipsoid = WrapTestPaths.Evaluator(WrapTestPaths.Ellipsoid(new Point3(r, r, r)), p1, p2, method);
            var ellipsoidLength = ellipsoid.ComputeLength(WrapTestPaths.Ground);
            Assert.Equal(sphere.IsWrapping(0), ellipsoid.IsWrapping(0));
            if (!sphere.IsWrapping(0))
            {
                Assert.Equal(sphereLength, ellipsoidLength, 1e-15);
                continue;
            }

            wrapped++;
            var sphereWrap = sphere.GetWrapResult(0)!;
            var arc = sphereWrap.Length;
            var segments = Math.Max(1.0, Math.Floor((sphereWrap.Tangent1 - sphereWrap.Tangent2).Length / 0.001));
            var segment = arc / segments;
            var polylineShortfall = arc * (segment / r) * (segment / r) / 24;
            var difference = ellipsoidLength - sphereLength;
            worst = Math.Max(worst, Math.Abs(difference));
            worstExcess = Math.Max(worstExcess, Math.Abs(difference + polylineShortfall));
            Assert.True(Math.Abs(difference + polylineShortfall) <= 1e-7, $"ellipsoid − sphere = {difference:E3} m, polyline shortfall {polylineShortfall:E3} m");
        }

        output.WriteLine($"{method}: {wrapped} wrapped cases, max |ellipsoid − sphere| = {worst:E3} m, |difference + chord-polyline shortfall| ≤ {worstExcess:E2} m");
        Assert.True(worst < 3e-6);
        Assert.True(wrapped > 100, "the random cases should mostly wrap");
    }

    [Fact]
    public void Segments_that_miss_the_object_do_not_wrap()
    {
        var p1 = new Point3(0.03, -0.05, 0.01);
        var p2 = new Point3(0.035, 0.05, -0.01);
        WrapObjectDescription[] objects =
        [
            WrapTestPaths.Cylinder(0.02, 0.2),
            WrapTestPaths.Sphere(0.02),
            WrapTestPaths.Ellipsoid(new Point3(0.025, 0.02, 0.02)),
            WrapTestPaths.Cylinder(0.02, 0.2, new WrapQuadrant(0, 1)),
            WrapTestPaths.Ellipsoid(new Point3(0.025, 0.02, 0.02), new WrapQuadrant(0, -1)),
        ];
        foreach (var wrapObject in objects)
        {
            var evaluator = WrapTestPaths.Evaluator(wrapObject, p1, p2);
            var length = evaluator.ComputeLength(WrapTestPaths.Ground);
            Assert.False(evaluator.IsWrapping(0), wrapObject.ToString());
            Assert.Equal(2, evaluator.PointCount);
            Assert.Equal((p2 - p1).Length, length, 1e-15);
        }

        // The line through the ends cuts the sphere and ellipsoid, but the segment stops short of them.
        var short1 = new Point3(-0.08, 0.001, 0);
        var short2 = new Point3(-0.03, 0.0005, 0);
        Assert.Equal(WrapStatus.NoWrap, WrapObject.Create(WrapTestPaths.Sphere(0.02)).WrapLine(short1, short2, WrapMethod.Hybrid, new WrapResult()));
        Assert.Equal(WrapStatus.NoWrap, WrapObject.Create(WrapTestPaths.Ellipsoid(new Point3(0.025, 0.02, 0.02))).WrapLine(short1, short2, WrapMethod.Hybrid, new WrapResult()));
        Assert.Equal(WrapStatus.InsideRadius, WrapObject.Create(WrapTestPaths.Cylinder(0.02, 0.2)).WrapLine(new Point3(0.01, 0, 0), p2, WrapMethod.Hybrid, new WrapResult()));
    }

    /// <summary>
    /// OpenSim's quadrant on a cylinder (+x here) means "the path must pass on the +x side", not "only wrap on the +x
    /// side": a segment clear of the cylinder on the +x side does not wrap, but a segment that passes on the −x side
    /// (clear of the cylinder or through it) is wrapped round the +x side — unless the tangent points fall beyond the
    /// cylinder's length.
    /// </summary>
    [Fact]
    public void A_plus_x_cylinder_keeps_the_path_on_its_plus_x_side()
    {
        var plusX = new WrapQuadrant(0, 1);
        var cylinder = new WrapCylinder(WrapTestPaths.Cylinder(0.02, 0.2, plusX));
        var result = new WrapResult();

        // Clear on the +x side: no wrap.
        Assert.Equal(WrapStatus.NoWrap, cylinder.WrapLine(new Point3(0.04, -0.05, 0), new Point3(0.04, 0.05, 0.01), WrapMethod.Hybrid, result));

        // Clear on the −x side (both ends there): wrapped round +x.
        var p1 = new Point3(-0.04, -0.05, 0);
        var p2 = new Point3(-0.04, 0.05, 0.01);
        Assert.Equal(WrapStatus.Wrapped, cylinder.WrapLine(p1, p2, WrapMethod.Hybrid, result));
        AssertOnPlusXSide(result);
        var evaluator = WrapTestPaths.Evaluator(WrapTestPaths.Cylinder(0.02, 0.2, plusX), p1, p2);
        Assert.True(evaluator.ComputeLength(WrapTestPaths.Ground) > (p2 - p1).Length + 0.05);

        // Through the cylinder's −x half: still wrapped round +x, not the short way over −x.
        Assert.Equal(WrapStatus.Wrapped, cylinder.WrapLine(new Point3(-0.01, -0.05, 0), new Point3(-0.01, 0.05, 0), WrapMethod.Hybrid, result));
        AssertOnPlusXSide(result);

        // Ends on opposite sides, closest approach on −x: wrapped; closest approach on +x: not.
        Assert.Equal(WrapStatus.Wrapped, cylinder.WrapLine(new Point3(0.01, -0.05, 0), new Point3(-0.09, 0.05, 0), WrapMethod.Hybrid, result));
        AssertOnPlusXSide(result);
        Assert.Equal(WrapStatus.NoWrap, cylinder.WrapLine(new Point3(0.09, -0.05, 0), new Point3(-0.01, 0.05, 0), WrapMethod.Hybrid, result));

        // Through the +x half: a mandatory wrap over +x.
        Assert.Equal(WrapStatus.MandatoryWrap, cylinder.WrapLine(new Point3(0.01, -0.05, 0), new Point3(0.01, 0.05, 0), WrapMethod.Hybrid, result));
        AssertOnPlusXSide(result);

        // Beyond the ends of a short cylinder: no wrap.
        var shortCylinder = new WrapCylinder(WrapTestPaths.Cylinder(0.02, 0.02, plusX));
        Assert.Equal(WrapStatus.NoWrap, shortCylinder.WrapLine(new Point3(-0.04, -0.05, 0.05), new Point3(-0.04, 0.05, 0.06), WrapMethod.Hybrid, result));
    }

    /// <summary>An ellipsoid wraps only segments that cross it; its quadrant then moves the path to the allowed
    /// side.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void An_ellipsoid_quadrant_moves_the_path_to_the_allowed_side(int sign)
    {
        var ellipsoid = new WrapEllipsoid(WrapTestPaths.Ellipsoid(new Point3(0.03, 0.02, 0.025), new WrapQuadrant(0, sign)));
        var result = new WrapResult();

        // The segment crosses the ellipsoid on the −x side.
        Assert.Equal(WrapStatus.MandatoryWrap, ellipsoid.WrapLine(new Point3(-0.01, -0.06, 0.002), new Point3(-0.012, 0.06, -0.003), WrapMethod.Hybrid, result));
        foreach (var point in result.SurfacePoints)
        {
            Assert.True(sign * point.X > -1e-12, $"surface point {point} is on the forbidden side");
        }
    }

    private static void AssertOnPlusXSide(WrapResult result)
    {
        Assert.True(result.Tangent1.X > 0 && result.Tangent2.X > 0, $"tangent points {result.Tangent1} {result.Tangent2}");
        foreach (var point in result.SurfacePoints)
        {
            Assert.True(point.X > -1e-12, $"surface point {point} on the −x side");
        }
    }

    private static double SphereGeodesic(double r, Point3 p1, Point3 p2, out double arc)
    {
        var d1 = p1.Length;
        var d2 = p2.Length;
        var psi = Math.Acos(p1.Dot(p2) / (d1 * d2));
        arc = r * (psi - Math.Acos(r / d1) - Math.Acos(r / d2));
        return Math.Sqrt((d1 * d1) - (r * r)) + Math.Sqrt((d2 * d2) - (r * r)) + arc;
    }

    private static Point3 RandomPoint(Random random, double min, double max)
    {
        var direction = new Point3(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5).Normalized();
        return direction * (min + ((max - min) * random.NextDouble()));
    }
}
