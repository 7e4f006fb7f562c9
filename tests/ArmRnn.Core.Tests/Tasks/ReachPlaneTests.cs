using ArmRnn.Geometry;
using ArmRnn.Tasks;

namespace ArmRnn.Core.Tests.Tasks;

public class ReachPlaneTests
{
    // Products of a few unit-magnitude doubles: rounding error is a few ulps.
    private const double Tolerance = 1e-15;

    [Fact]
    public void XY_maps_plane_coordinates_to_ground_x_and_y()
    {
        var offset = ReachPlane.XY.ToOffset(0.03, -0.04);
        Assert.Equal(new Point3(0.03, -0.04, 0), offset);
        var (u, v) = ReachPlane.XY.ToPlane(new Point3(0.03, -0.04, 0.7));
        Assert.Equal(0.03, u);
        Assert.Equal(-0.04, v);
        Assert.Equal(new Point3(0, 0, 1), ReachPlane.XY.Normal);
    }

    [Fact]
    public void A_tilted_plane_round_trips()
    {
        var a = 0.4;
        var plane = new ReachPlane(new Point3(Math.Cos(a), 0, Math.Sin(a)), new Point3(0, 1, 0));
        var offset = plane.ToOffset(0.05, 0.02);
        Assert.Equal(0.05 * Math.Cos(a), offset.X, Tolerance);
        Assert.Equal(0.02, offset.Y, Tolerance);
        Assert.Equal(0.05 * Math.Sin(a), offset.Z, Tolerance);
        var (u, v) = plane.ToPlane(offset);
        Assert.Equal(0.05, u, Tolerance);
        Assert.Equal(0.02, v, Tolerance);
    }

    [Fact]
    public void Projecting_drops_the_part_along_the_normal_and_keeps_the_rest()
    {
        // An in-plane offset of 3-4-5 mm plus 7 mm along the tilted plane's normal: the projection is the in-plane part.
        var a = 0.4;
        var plane = new ReachPlane(new Point3(Math.Cos(a), 0, Math.Sin(a)), new Point3(0, 1, 0));
        var inPlane = plane.ToOffset(0.003, 0.004);
        var projected = plane.Project(inPlane + (plane.Normal * 0.007));
        Assert.Equal(0.0, projected.DistanceTo(inPlane), Tolerance);
        Assert.Equal(0.005, projected.Length, Tolerance);
    }

    [Fact]
    public void Axes_that_are_not_orthonormal_are_rejected_with_the_reason()
    {
        var notUnit = Assert.Throws<ArgumentException>(() => new ReachPlane(new Point3(2, 0, 0), new Point3(0, 1, 0)));
        Assert.Contains("unit length", notUnit.Message, StringComparison.Ordinal);
        Assert.Contains("2", notUnit.Message, StringComparison.Ordinal);
        var s = Math.Sqrt(0.5);
        var notPerpendicular = Assert.Throws<ArgumentException>(() => new ReachPlane(new Point3(1, 0, 0), new Point3(s, s, 0)));
        Assert.Contains("perpendicular", notPerpendicular.Message, StringComparison.Ordinal);
    }
}
