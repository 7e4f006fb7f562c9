using ArmRnn.OpenSim.Engine;
using ArmRnn.OpenSim.Engine.Paths;

namespace ArmRnn.OpenSim.Tests.Paths;

/// <summary>The poses and spatial velocities in ground of Arm26's bodies for one joint state (test helper).</summary>
internal sealed class Arm26BodyState : IBodyPoses, IBodyVelocities
{
    private readonly Dictionary<string, Pose> _poses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BodyVelocity> _velocities = new(StringComparer.Ordinal);

    public void Set(string body, Pose pose, BodyVelocity velocity)
    {
        _poses[body] = pose;
        _velocities[body] = velocity;
    }

    public Pose GetPose(string body) => _poses[body];

    public BodyVelocity GetVelocity(string body) => _velocities[body];
}
