using ArmRnn.Geometry;
using ArmRnn.OpenSim.Engine;
using ArmRnn.OpenSim.Engine.Paths;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Paths;

/// <summary>Two-point paths in ground over one wrap object at the origin (test helper).</summary>
internal static class WrapTestPaths
{
    public static readonly IBodyPoses Ground = new GroundOnly();

    public static WrapCylinderDescription Cylinder(double radius, double length, WrapQuadrant? quadrant = null) =>
        new("cylinder", ModelDescription.Ground, true, Point3.Zero, Point3.Zero, quadrant ?? WrapQuadrant.All, radius, length);

    public static WrapSphereDescription Sphere(double radius, WrapQuadrant? quadrant = null) =>
        new("sphere", ModelDescription.Ground, true, Point3.Zero, Point3.Zero, quadrant ?? WrapQuadrant.All, radius);

    public static WrapEllipsoidDescription Ellipsoid(Point3 dimensions, WrapQuadrant? quadrant = null) =>
        new("ellipsoid", ModelDescription.Ground, true, Point3.Zero, Point3.Zero, quadrant ?? WrapQuadrant.All, dimensions);

    /// <summary>An evaluator for the path p1 → p2 (both on ground) wrapping over <paramref name="wrapObject"/>.</summary>
    public static GeometryPathEvaluator Evaluator(WrapObjectDescription wrapObject, Point3 p1, Point3 p2, WrapMethod method = WrapMethod.Hybrid)
    {
        var description = new GeometryPathDescription(
            [new PathPointDescription("p1", ModelDescription.Ground, p1), new PathPointDescription("p2", ModelDescription.Ground, p2)],
            [new PathWrapDescription("wrap", wrapObject.Name, method)]);
        return GeometryPath.FromDescriptions(description, [wrapObject]).CreateEvaluator();
    }

    /// <summary>The length of p1 → p2 over <paramref name="wrapObject"/>.</summary>
    public static double Length(WrapObjectDescription wrapObject, Point3 p1, Point3 p2, WrapMethod method = WrapMethod.Hybrid) =>
        Evaluator(wrapObject, p1, p2, method).ComputeLength(Ground);

    private sealed class GroundOnly : IBodyPoses
    {
        public Pose GetPose(string body) => throw new InvalidOperationException($"Only ground is expected, not '{body}'.");
    }
}
