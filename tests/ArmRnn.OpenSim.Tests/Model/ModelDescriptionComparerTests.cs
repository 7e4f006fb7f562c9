using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Model;

public sealed class ModelDescriptionComparerTests
{
    [Fact]
    public void Reports_the_path_of_a_changed_number()
    {
        var expected = Arm26Model.Create();
        var muscles = expected.Muscles.ToArray();
        var points = muscles[3].Path.Points.ToArray();
        points[2] = points[2] with { Location = points[2].Location with { Y = 0.2 } };
        muscles[3] = muscles[3] with { Path = muscles[3].Path with { Points = points } };
        var actual = expected with { Muscles = muscles };

        var difference = ModelDescriptionComparer.Exact.FindFirstDifference(expected, actual);

        Assert.Equal("Muscles[3].Path.Points[2].Location.Y: 0.01793 vs 0.2", difference);
        Assert.False(ModelDescriptionComparer.Exact.Equals(expected, actual));
    }

    [Fact]
    public void Reports_counts_types_nulls_and_strings()
    {
        var model = Arm26Model.Create();

        Assert.Equal(
            "Bodies.Count: 3 vs 2",
            ModelDescriptionComparer.Exact.FindFirstDifference(model, model with { Bodies = model.Bodies.Take(2).ToArray() }));

        var wraps = model.WrapObjects.ToArray();
        wraps[0] = new WrapSphereDescription("TRIlongglen", "base", true, Point3.Zero, Point3.Zero, WrapQuadrant.All, 0.1);
        Assert.Equal(
            "WrapObjects[0]: WrapCylinderDescription vs WrapSphereDescription",
            ModelDescriptionComparer.Exact.FindFirstDifference(model, model with { WrapObjects = wraps }));

        var joints = model.Joints.ToArray();
        joints[1] = joints[1] with { Coordinate = null };
        Assert.Equal(
            "Joints[1].Coordinate: CoordinateDescription vs null",
            ModelDescriptionComparer.Exact.FindFirstDifference(model, model with { Joints = joints }));

        Assert.Equal("Name: \"arm26\" vs \"arm27\"", ModelDescriptionComparer.Exact.FindFirstDifference(model, model with { Name = "arm27" }));
        Assert.Equal("(model): ModelDescription vs null", ModelDescriptionComparer.Exact.FindFirstDifference(model, null));
    }

    [Fact]
    public void Compares_muscle_parameters_and_quadrants()
    {
        var model = Arm26Model.Create();
        var muscles = model.Muscles.ToArray();
        muscles[5] = muscles[5] with { Parameters = muscles[5].Parameters with { MinimumActivation = 0.02 } };
        Assert.Equal(
            "Muscles[5].Parameters.MinimumActivation: 0.01 vs 0.02",
            ModelDescriptionComparer.Exact.FindFirstDifference(model, model with { Muscles = muscles }));

        var wraps = model.WrapObjects.ToArray();
        wraps[3] = wraps[3] with { Quadrant = new WrapQuadrant(0, 1) };
        Assert.Equal(
            "WrapObjects[3].Quadrant.Axis: -1 vs 0",
            ModelDescriptionComparer.Exact.FindFirstDifference(model, model with { WrapObjects = wraps }));
    }

    [Fact]
    public void Exact_comparison_is_bitwise_and_a_tolerance_relaxes_it()
    {
        var model = Arm26Model.Create();
        var nudged = model with { Gravity = model.Gravity with { Y = Math.BitIncrement(model.Gravity.Y) } };
        var signed = model with { Gravity = model.Gravity with { X = -0.0 } };

        Assert.StartsWith("Gravity.Y: ", ModelDescriptionComparer.Exact.FindFirstDifference(model, nudged), StringComparison.Ordinal);
        Assert.Equal("Gravity.X: 0 vs -0", ModelDescriptionComparer.Exact.FindFirstDifference(model, signed));
        Assert.Null(new ModelDescriptionComparer(1e-12).FindFirstDifference(model, nudged));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelDescriptionComparer(-1));
    }
}
