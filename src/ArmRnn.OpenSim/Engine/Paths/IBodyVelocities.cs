namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>The spatial velocities in ground of the bodies a muscle path is attached to (for its lengthening
/// speed).</summary>
/// <remarks>As with <see cref="IBodyPoses"/>, <c>ground</c> is never asked for (it is at rest).</remarks>
public interface IBodyVelocities
{
    /// <summary>The spatial velocity in ground of body <paramref name="body"/>.</summary>
    /// <param name="body">Body name, one of <see cref="GeometryPath.Bodies"/>.</param>
    /// <returns>Angular velocity and origin velocity, both in ground.</returns>
    BodyVelocity GetVelocity(string body);
}
