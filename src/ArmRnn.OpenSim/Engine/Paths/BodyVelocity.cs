using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>The spatial velocity of a body frame in ground: its angular velocity and the linear velocity of its origin,
/// both expressed in ground (Simbody's <c>SpatialVec</c> <c>V_GB</c>).</summary>
/// <param name="Angular">Angular velocity in ground (rad/s).</param>
/// <param name="Linear">Velocity of the body origin in ground (m/s).</param>
public readonly record struct BodyVelocity(Point3 Angular, Point3 Linear)
{
    /// <summary>At rest (the velocity of ground).</summary>
    public static BodyVelocity Zero { get; }

    /// <summary>The velocity in ground of a point fixed to the body, given the point's offset from the body origin
    /// expressed in ground: <c>v = Linear + Angular × offset</c>.</summary>
    /// <param name="offsetInGround">Point minus body origin, in ground (m).</param>
    /// <returns>The point's velocity (m/s).</returns>
    public Point3 PointVelocity(Point3 offsetInGround) => Linear + Angular.Cross(offsetInGround);
}
