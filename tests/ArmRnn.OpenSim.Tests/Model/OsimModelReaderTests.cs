using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Model;

/// <summary>Reads the reference <c>arm26.osim</c>; expected values are read by eye from the file.</summary>
public sealed class OsimModelReaderTests
{
    private static ModelDescription Load() => OsimModelReader.Read(OsimTestFiles.ReferencePath);

    [Fact]
    public void Reads_model_name_and_gravity()
    {
        var model = Load();

        Assert.Equal("arm26", model.Name);
        Assert.Equal(new Point3(0, -9.8066, 0), model.Gravity);
    }

    [Fact]
    public void Reads_three_bodies_with_mass_properties()
    {
        var model = Load();

        Assert.Equal(["base", "r_humerus", "r_ulna_radius_hand"], model.Bodies.Select(b => b.Name));
        Assert.Equal(0, model.Bodies[0].Mass);
        Assert.Equal(InertiaDescription.Zero, model.Bodies[0].Inertia);

        var humerus = model.Bodies[1];
        Assert.Equal(1.864572, humerus.Mass);
        Assert.Equal(new Point3(0, -0.180496, 0), humerus.MassCenter);
        Assert.Equal(new InertiaDescription(0.01481, 0.004551, 0.013193, 0, 0, 0), humerus.Inertia);

        var forearm = model.Bodies[2];
        Assert.Equal(1.534315, forearm.Mass);
        Assert.Equal(new Point3(0, -0.181479, 0), forearm.MassCenter);
        Assert.Equal(new InertiaDescription(0.019281, 0.001571, 0.020062, 0, 0, 0), forearm.Inertia);
    }

    [Fact]
    public void Reads_three_joints_in_a_chain_from_ground()
    {
        var model = Load();

        Assert.Equal(["offset", "r_shoulder", "r_elbow"], model.Joints.Select(j => j.Name));

        var weld = model.Joints[0];
        Assert.Equal(JointKind.Weld, weld.Kind);
        Assert.Equal(new Frame("ground", new Point3(0, 0.8, 0), Point3.Zero), weld.Parent);
        Assert.Equal(new Frame("base", Point3.Zero, Point3.Zero), weld.Child);
        Assert.Null(weld.Coordinate);
        Assert.Equal(Point3.Zero, weld.RotationAxis);

        var shoulder = model.Joints[1];
        Assert.Equal(JointKind.Custom, shoulder.Kind);
        Assert.Equal(new Frame("base", new Point3(-0.017545, -0.007, 0.17), Point3.Zero), shoulder.Parent);
        Assert.Equal(new Frame("r_humerus", Point3.Zero, Point3.Zero), shoulder.Child);
        AssertAxis(new Point3(-0.05889802, 0.0023, 0.99826136), shoulder.RotationAxis);

        var elbow = model.Joints[2];
        Assert.Equal(JointKind.Custom, elbow.Kind);
        Assert.Equal(new Frame("r_humerus", new Point3(0.0061, -0.2904, -0.0123), Point3.Zero), elbow.Parent);
        Assert.Equal(new Frame("r_ulna_radius_hand", Point3.Zero, Point3.Zero), elbow.Child);
        AssertAxis(new Point3(0.04940001, 0.03660001, 0.99810825), elbow.RotationAxis);
    }

    [Fact]
    public void Reads_two_coordinates_with_their_ranges()
    {
        var model = Load();

        Assert.Equal(
            new CoordinateDescription("r_shoulder_elev", 0, 0, -1.57079633, 3.14159265, Clamped: false, Locked: false),
            model.Joints[1].Coordinate);
        Assert.Equal(
            new CoordinateDescription("r_elbow_flex", 0, 0, 0, 2.26892803, Clamped: false, Locked: false),
            model.Joints[2].Coordinate);
    }

    [Fact]
    public void Reads_three_markers()
    {
        var model = Load();

        Assert.Equal(
            [
                new MarkerDescription("r_acromion", "base", new Point3(-0.01256, 0.04, 0.17)),
                new MarkerDescription("r_humerus_epicondyle", "r_humerus", new Point3(0.005, -0.2904, 0.03)),
                new MarkerDescription("r_radius_styloid", "r_ulna_radius_hand", new Point3(-0.0011, -0.23559, 0.0943)),
            ],
            model.Markers);
    }

    [Fact]
    public void Reads_the_wrap_objects_with_their_quadrants()
    {
        var model = Load();

        // The file has four wrap objects: one on base, three on r_humerus.
        Assert.Equal(["TRIlongglen", "TRIlonghh", "BIClonghh", "TRI"], model.WrapObjects.Select(w => w.Name));

        var glen = Assert.IsType<WrapCylinderDescription>(model.WrapObjects[0]);
        Assert.Equal("base", glen.Body);
        Assert.True(glen.Active);
        Assert.Equal(new WrapQuadrant(0, 1), glen.Quadrant); // "x"
        Assert.Equal(new Point3(1.37532, -0.294612, 2.43596), glen.XyzBodyRotation);
        Assert.Equal(new Point3(-0.043905, -0.0039, 0.1478), glen.Translation);
        Assert.Equal(0.003, glen.Radius);
        Assert.Equal(0.03, glen.Length);

        var head = Assert.IsType<WrapEllipsoidDescription>(model.WrapObjects[1]);
        Assert.Equal("r_humerus", head.Body);
        Assert.Equal(new WrapQuadrant(2, 1), head.Quadrant); // "z"
        Assert.Equal(new Point3(0.035, 0.02, 0.02), head.Dimensions);

        var biceps = Assert.IsType<WrapEllipsoidDescription>(model.WrapObjects[2]);
        Assert.Equal(new WrapQuadrant(1, -1), biceps.Quadrant); // "-y"
        Assert.Equal(new Point3(0.025, 0.02, 0.02), biceps.Dimensions);
        Assert.Equal(new Point3(0.0033, 0.0073, 0.0003), biceps.Translation);

        var triceps = Assert.IsType<WrapCylinderDescription>(model.WrapObjects[3]);
        Assert.Equal(WrapQuadrant.All, triceps.Quadrant); // "all"
        Assert.True(triceps.Quadrant.IsAll);
        Assert.Equal(0.016, triceps.Radius);
        Assert.Equal(0.05, triceps.Length);
        Assert.Equal(new Point3(0.0028, -0.2919, -0.0069), triceps.Translation);
    }

    [Fact]
    public void Reads_six_muscles_in_force_set_order()
    {
        var model = Load();

        Assert.Equal(["TRIlong", "TRIlat", "TRImed", "BIClong", "BICshort", "BRA"], model.Muscles.Select(m => m.Name));
        Assert.All(model.Muscles, m => Assert.True(m.AppliesForce));
        Assert.Equal([798.52, 624.3, 624.3, 624.3, 435.56, 987.26], model.Muscles.Select(m => m.Parameters.MaxIsometricForce));
        Assert.Equal([0.134, 0.1138, 0.1138, 0.1157, 0.1321, 0.0858], model.Muscles.Select(m => m.Parameters.OptimalFiberLength));
        Assert.Equal([0.143, 0.098, 0.0908, 0.2723, 0.1923, 0.0535], model.Muscles.Select(m => m.Parameters.TendonSlackLength));
        Assert.Equal([0.20943951, 0.15707963, 0.15707963, 0, 0, 0], model.Muscles.Select(m => m.Parameters.PennationAngleAtOptimal));
        Assert.Equal([5, 5, 5, 9, 6, 2], model.Muscles.Select(m => m.Path.Points.Count));
        Assert.Equal([3, 1, 1, 1, 0, 1], model.Muscles.Select(m => m.Path.Wraps.Count));
    }

    [Fact]
    public void Reads_TRIlong_parameters_path_and_wraps()
    {
        var trilong = Load().Muscles[0];

        var p = trilong.Parameters;
        Assert.Equal(798.52, p.MaxIsometricForce);
        Assert.Equal(0.134, p.OptimalFiberLength);
        Assert.Equal(0.143, p.TendonSlackLength);
        Assert.Equal(0.20943951, p.PennationAngleAtOptimal);
        Assert.Equal(10, p.MaxContractionVelocity);
        Assert.Equal(0.033, p.FmaxTendonStrain);
        Assert.Equal(0.6, p.FmaxMuscleStrain);
        Assert.Equal(0.5, p.KshapeActive);
        Assert.Equal(4, p.KshapePassive);
        Assert.Equal(0.3, p.Af);
        Assert.Equal(1.8, p.Flen);
        Assert.Equal(0.01, p.ActivationTimeConstant);
        Assert.Equal(0.04, p.DeactivationTimeConstant);
        Assert.False(p.IgnoreTendonCompliance);
        Assert.False(p.IgnoreActivationDynamics);

        // Not in the file: OpenSim's class defaults.
        Assert.Equal(0.95, p.FvLinearExtrapThreshold);
        Assert.Equal(Math.Acos(0.1), p.MaximumPennationAngle);
        Assert.Equal(0.01, p.MinimumActivation);

        Assert.Equal(
            [
                new PathPointDescription("TRIlong-P1", "base", new Point3(-0.05365, -0.01373, 0.14723)),
                new PathPointDescription("TRIlong-P2", "r_humerus", new Point3(-0.02714, -0.11441, -0.00664)),
                new PathPointDescription("TRIlong-P3", "r_humerus", new Point3(-0.03184, -0.22637, -0.01217)),
                new PathPointDescription("TRIlong-P4", "r_humerus", new Point3(-0.01743, -0.26757, -0.01208)),
                new PathPointDescription("TRIlong-P5", "r_ulna_radius_hand", new Point3(-0.0219, 0.01046, -0.00078)),
            ],
            trilong.Path.Points);
        Assert.All(trilong.Path.Points, point => Assert.False(point.IsConditional));

        Assert.Equal(
            [
                new PathWrapDescription("TRIlong-wrap-cylinder1", "TRI", WrapMethod.Hybrid, -1, -1),
                new PathWrapDescription("TRIlong-wrap-ellipsoid", "TRIlonghh", WrapMethod.Hybrid, -1, -1),
                new PathWrapDescription("TRIlong-wrap-cylinder2", "TRIlongglen", WrapMethod.Hybrid, -1, -1),
            ],
            trilong.Path.Wraps);
    }

    [Fact]
    public void Reads_the_BIClong_wrap_range_and_BRA_insertion()
    {
        var model = Load();

        Assert.Equal(new PathWrapDescription("pathwrap", "BIClonghh", WrapMethod.Hybrid, 2, 3), Assert.Single(model.Muscles[3].Path.Wraps));
        Assert.Equal(
            new PathPointDescription("BRA-P2", "r_ulna_radius_hand", new Point3(-0.0032, -0.0239, 0.0009)),
            model.Muscles[5].Path.Points[1]);
        Assert.Empty(model.Muscles[4].Path.Wraps);
    }

    [Fact]
    public void Read_from_a_stream_gives_the_same_model()
    {
        using var stream = File.OpenRead(OsimTestFiles.ReferencePath);

        var fromStream = OsimModelReader.Read(stream, "arm26 stream");

        Assert.Null(ModelDescriptionComparer.Exact.FindFirstDifference(Load(), fromStream));
    }

    [Theory]
    [InlineData("all", -1, 0)]
    [InlineData("All", -1, 0)]
    [InlineData("ALL", -1, 0)]
    [InlineData("Unassigned", -1, 0)]
    [InlineData(null, -1, 0)]
    [InlineData("x", 0, 1)]
    [InlineData("+x", 0, 1)]
    [InlineData("X", 0, 1)]
    [InlineData("+X", 0, 1)]
    [InlineData("-x", 0, -1)]
    [InlineData("-X", 0, -1)]
    [InlineData("y", 1, 1)]
    [InlineData("+Y", 1, 1)]
    [InlineData("-y", 1, -1)]
    [InlineData(" z ", 2, 1)]
    [InlineData("+z", 2, 1)]
    [InlineData("-Z", 2, -1)]
    public void Quadrants_map_as_OpenSim_parses_them(string? text, int axis, int sign)
    {
        Assert.True(OsimModelReader.TryParseQuadrant(text, out var quadrant));
        Assert.Equal(new WrapQuadrant(axis, sign), quadrant);
    }

    [Theory]
    [InlineData("xy")]
    [InlineData("aLL")]
    [InlineData("-all")]
    [InlineData("+-x")]
    [InlineData("")]
    [InlineData("positiveX")]
    public void Invalid_quadrants_are_rejected(string text) => Assert.False(OsimModelReader.TryParseQuadrant(text, out _));

    [Theory]
    [InlineData("hybrid", WrapMethod.Hybrid)]
    [InlineData("HYBRID", WrapMethod.Hybrid)]
    [InlineData(null, WrapMethod.Hybrid)]
    [InlineData("Unassigned", WrapMethod.Hybrid)]
    [InlineData("midpoint", WrapMethod.Midpoint)]
    [InlineData("Midpoint", WrapMethod.Midpoint)]
    [InlineData("axial", WrapMethod.Axial)]
    [InlineData("AXIAL", WrapMethod.Axial)]
    public void Wrap_methods_map_as_OpenSim_parses_them(string? text, WrapMethod expected)
    {
        Assert.True(OsimModelReader.TryParseWrapMethod(text, out var method));
        Assert.Equal(expected, method);
    }

    private static void AssertAxis(Point3 expected, Point3 actual)
    {
        Assert.Equal(1.0, actual.Length, 1e-15);
        Assert.Equal(expected.X, actual.X, 1e-7);
        Assert.Equal(expected.Y, actual.Y, 1e-7);
        Assert.Equal(expected.Z, actual.Z, 1e-7);
    }
}
