using ArmRnn.Geometry;
using ArmRnn.OpenSim.Engine;
using ArmRnn.OpenSim.Engine.Paths;
using ArmRnn.OpenSim.Model;
using ArmRnn.Tests.Shared;
using Xunit.Abstractions;

namespace ArmRnn.OpenSim.Tests.Paths;

/// <summary>Path-level behaviour of <see cref="GeometryPath"/> and its evaluator.</summary>
public class GeometryPathTests(ITestOutputHelper output)
{
    private const string Ground = ModelDescription.Ground;

    [Fact]
    public void A_path_without_wraps_is_the_sum_of_its_segments()
    {
        Point3[] points = [new(0, 0, 0), new(0.1, 0, 0), new(0.1, 0.2, 0), new(0.1, 0.2, -0.05)];
        var description = new GeometryPathDescription([.. points.Select((p, i) => new PathPointDescription($"p{i}", Ground, p))], []);
        var evaluator = GeometryPath.FromDescriptions(description, []).CreateEvaluator();
        Assert.Equal(0.35, evaluator.ComputeLength(WrapTestPaths.Ground), 1e-15);
        Assert.Equal(4, evaluator.PointCount);
        Assert.Equal(PathPointKind.PathPoint, evaluator.GetPoint(2).Kind);
        Assert.Equal(points[2], evaluator.GetPoint(2).LocationInGround);
    }

    /// <summary>A conditional point is in the path while its coordinate is within its range, widened by 1e-5 (as
    /// OpenSim's <c>ConditionalPathPoint::isActive</c>).</summary>
    [Theory]
    [InlineData(0.5, true)]
    [InlineData(1.0 + 0.9e-5, true)]
    [InlineData(1.0 + 1.1e-5, false)]
    [InlineData(-0.1, false)]
    public void A_conditional_point_counts_only_within_its_range(double coordinate, bool active)
    {
        var description = new GeometryPathDescription(
            [
                new PathPointDescription("a", Ground, new Point3(0, 0, 0)),
                new PathPointDescription("via", Ground, new Point3(0.05, 0.05, 0), "knee", 0.0, 1.0),
                new PathPointDescription("b", Ground, new Point3(0.1, 0, 0)),
            ],
            []);
        var path = GeometryPath.FromDescriptions(description, []);
        Assert.Equal(["knee"], path.Coordinates);
        var evaluator = path.CreateEvaluator();
        var length = evaluator.ComputeLength(WrapTestPaths.Ground, new Coordinates(coordinate));
        Assert.Equal(active ? 2 * Math.Sqrt(0.005) : 0.1, length, 1e-15);
        Assert.Equal(active ? 3 : 2, evaluator.PointCount);
        Assert.Throws<InvalidOperationException>(() => evaluator.ComputeLength(WrapTestPaths.Ground));
    }

    /// <summary>A wrap acts only on the segments within its point range; with two segments that both cut an object,
    /// the first one wraps (OpenSim takes the first mandatory wrap).</summary>
    [Fact]
    public void A_wrap_acts_within_its_range_and_takes_the_first_segment_that_cuts_the_object()
    {
        var sphere = WrapTestPaths.Sphere(0.02);
        PathPointDescription[] points =
        [
            new("p1", Ground, new Point3(-0.05, 0.003, 0)),
            new("p2", Ground, new Point3(0.05, 0.004, 0)),
            new("p3", Ground, new Point3(-0.05, -0.004, 0.001)),
        ];

        var all = GeometryPath.FromDescriptions(new GeometryPathDescription(points, [new PathWrapDescription("w", "sphere", WrapMethod.Hybrid)]), [sphere]).CreateEvaluator();
        all.ComputeLength(WrapTestPaths.Ground);
        Assert.Equal([PathPointKind.PathPoint, PathPointKind.WrapTangent1, PathPointKind.WrapTangent2, PathPointKind.PathPoint, PathPointKind.PathPoint], Kinds(all));

        var second = GeometryPath.FromDescriptions(new GeometryPathDescription(points, [new PathWrapDescription("w", "sphere", WrapMethod.Hybrid, 2, 3)]), [sphere]).CreateEvaluator();
        second.ComputeLength(WrapTestPaths.Ground);
        Assert.Equal([PathPointKind.PathPoint, PathPointKind.PathPoint, PathPointKind.WrapTangent1, PathPointKind.WrapTangent2, PathPointKind.PathPoint], Kinds(second));

        // The length is the sum of the straight segments and the arc.
        var wrap = second.GetWrapResult(0)!;
        var expected = (points[1].Location - points[0].Location).Length + (second.GetPoint(2).LocationInGround - points[1].Location).Length
            + wrap.Length + (points[2].Location - second.GetPoint(3).LocationInGround).Length;
        Assert.Equal(expected, second.Length, 1e-15);

        var inactive = sphere with { Active = false };
        var none = GeometryPath.FromDescriptions(new GeometryPathDescription(points, [new PathWrapDescription("w", "sphere", WrapMethod.Hybrid)]), [inactive]).CreateEvaluator();
        none.ComputeLength(WrapTestPaths.Ground);
        Assert.Equal(3, none.PointCount);
    }

    [Fact]
    public void The_polyline_runs_from_the_first_point_over_the_surface_to_the_last()
    {
        var p1 = new Point3(-0.05, 0.005, 0.003);
        var p2 = new Point3(0.05, 0.002, -0.004);
        var evaluator = WrapTestPaths.Evaluator(WrapTestPaths.Ellipsoid(new Point3(0.025, 0.02, 0.02)), p1, p2);
        var length = evaluator.ComputeLength(WrapTestPaths.Ground);
        var polyline = new List<Point3>();
        evaluator.AppendPolyline(polyline);
        Assert.Equal(p1, polyline[0]);
        Assert.Equal(p2, polyline[^1]);
        Assert.True(polyline.Count > 10);
        var polylineLength = polyline.Zip(polyline.Skip(1), (a, b) => (b - a).Length).Sum();

        // OpenSim's ellipsoid length is the length of its surface polyline.
        Assert.Equal(length, polylineLength, 1e-12);
    }

    /// <summary>OpenSim's lengthening speed holds each point (tangent points too) fixed to its body; for a sphere,
    /// whose tangent points are exact, that is the derivative of the length.</summary>
    [Fact]
    public void Lengthening_speed_is_the_rate_of_change_of_length_for_an_exact_wrap()
    {
        var sphere = WrapTestPaths.Sphere(0.02) with { Body = "arm", Translation = new Point3(0.02, 0.01, 0) };
        var description = new GeometryPathDescription(
            [new PathPointDescription("origin", Ground, new Point3(-0.04, 0.02, 0.003)), new PathPointDescription("insertion", "arm", new Point3(0.08, 0.0, -0.002))],
            [new PathWrapDescription("w", "sphere", WrapMethod.Hybrid)]);
        var evaluator = GeometryPath.FromDescriptions(description, [sphere]).CreateEvaluator();
        const double omega = 1.7;
        foreach (var angle in new[] { 0.2, 0.5, 0.8 })
        {
            var arm = new RotatingArm(angle, omega);
            evaluator.ComputeLength(arm);
            Assert.True(evaluator.IsWrapping(0));
            var speed = evaluator.ComputeLengtheningSpeed(arm);
            const double h = 1e-6;
            var plus = evaluator.ComputeLength(new RotatingArm(angle + h, omega));
            var minus = evaluator.ComputeLength(new RotatingArm(angle - h, omega));
            var expected = (plus - minus) / (2 * h) * omega;
            Assert.Equal(expected, speed, 1e-8);
        }
    }

    /// <summary>After the first evaluations, computing the six Arm26 paths allocates nothing.</summary>
    [Fact]
    public void Evaluation_does_not_allocate_in_steady_state()
    {
        var model = Arm26TestKinematics.Load(Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"));
        var evaluators = model.Muscles.Select(m => GeometryPath.FromDescriptions(m.Path, model.WrapObjects, m.Name).CreateEvaluator()).ToArray();
        var states = Enumerable.Range(0, 50)
            .Select(k => model.Evaluate(
                new Dictionary<string, double> { ["r_shoulder_elev"] = -1.1 + (0.05 * k), ["r_elbow_flex"] = 0.045 * k },
                new Dictionary<string, double> { ["r_shoulder_elev"] = 1.0, ["r_elbow_flex"] = -2.0 }))
            .ToArray();
        var sum = 0.0;
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var state in states)
            {
                foreach (var evaluator in evaluators)
                {
                    sum += evaluator.ComputeLength(state) + evaluator.ComputeLengtheningSpeed(state);
                }
            }
        }

        var watch = new System.Diagnostics.Stopwatch();
        var before = GC.GetAllocatedBytesForCurrentThread();
        watch.Start();
        const int passes = 20;
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var state in states)
            {
                foreach (var evaluator in evaluators)
                {
                    sum += evaluator.ComputeLength(state) + evaluator.ComputeLengtheningSpeed(state);
                }
            }
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"six paths (length + speed): {watch.Elapsed.TotalMicroseconds / (passes * states.Length):F1} µs per state; {allocated} bytes allocated (checksum {sum:F3})");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Evaluators_on_several_threads_agree()
    {
        var model = Arm26TestKinematics.Load(Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"));
        var muscle = model.Muscles.Single(m => m.Name == "BIClong");
        var path = GeometryPath.FromDescriptions(muscle.Path, model.WrapObjects, muscle.Name);
        var states = Enumerable.Range(0, 40).Select(k => model.Evaluate(new Dictionary<string, double> { ["r_shoulder_elev"] = -1.0 + (0.03 * k), ["r_elbow_flex"] = 0.05 * k })).ToArray();
        var serial = states.Select(s => path.CreateEvaluator().ComputeLength(s)).ToArray();
        var parallel = new double[4][];
        Parallel.For(0, 4, t =>
        {
            var evaluator = path.CreateEvaluator();
            parallel[t] = [.. states.Select(s => evaluator.ComputeLength(s))];
        });
        foreach (var result in parallel)
        {
            Assert.Equal(serial, result);
        }
    }

    [Fact]
    public void Construction_rejects_inconsistent_paths()
    {
        PathPointDescription[] points = [new("a", Ground, Point3.Zero), new("b", Ground, new Point3(1, 0, 0))];
        var sphere = WrapTestPaths.Sphere(0.1);
        Assert.Throws<ArgumentException>(() => GeometryPath.FromDescriptions(new GeometryPathDescription(points, [new PathWrapDescription("w", "nothing", WrapMethod.Hybrid)]), [sphere]));
        Assert.Throws<ArgumentException>(() => GeometryPath.FromDescriptions(new GeometryPathDescription(points, [new PathWrapDescription("w", "sphere", WrapMethod.Hybrid, 1, 3)]), [sphere]));
        Assert.Throws<ArgumentException>(() => GeometryPath.FromDescriptions(new GeometryPathDescription([points[0]], []), [sphere]));
        Assert.Throws<ArgumentException>(() => GeometryPath.FromDescriptions(new GeometryPathDescription(points, []), [sphere, sphere]));
    }

    private static PathPointKind[] Kinds(GeometryPathEvaluator evaluator) =>
        [.. Enumerable.Range(0, evaluator.PointCount).Select(i => evaluator.GetPoint(i).Kind)];

    private sealed class Coordinates(double value) : ICoordinateValues
    {
        public double GetValue(string coordinate) => coordinate == "knee" ? value : throw new KeyNotFoundException(coordinate);
    }

    /// <summary>Body "arm" rotates about ground's z axis through the origin: at <c>angle</c>, turning at <c>omega</c>.</summary>
    private sealed class RotatingArm(double angle, double omega) : IBodyPoses, IBodyVelocities
    {
        public Pose GetPose(string body) => new(Rotation3.AboutAxis(new Point3(0, 0, 1), angle), Point3.Zero);

        public BodyVelocity GetVelocity(string body) => new(new Point3(0, 0, omega), Point3.Zero);
    }
}
