using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Engine.Multibody;

/// <summary>
/// Scratch space of <see cref="MultibodyChain"/> for one evaluation: body poses and velocities in ground. One per
/// thread; reused across calls so that evaluation does not allocate.
/// </summary>
public sealed class MultibodyState
{
    internal MultibodyState(int links, int coordinates)
    {
        Poses = new Pose[links];
        JointPoints = new Point3[links];
        JointAxes = new Point3[links];
        AngularVelocity = new Point3[links];
        AngularAcceleration = new Point3[links];
        MassCenterAcceleration = new Point3[links];
        MassCenters = new Point3[links];
        Inertia = new InertiaTensor[links];
        Force = new Point3[links];
        Moment = new Point3[links];
        BodyAngularVelocity = new Point3[links];
        BodyOriginVelocity = new Point3[links];
        MassMatrix = new double[coordinates * coordinates];
        Work = new double[coordinates];
        Zero = new double[coordinates];
    }

    internal Pose[] Poses { get; }

    internal Point3[] JointPoints { get; }

    internal Point3[] JointAxes { get; }

    internal Point3[] AngularVelocity { get; }

    internal Point3[] AngularAcceleration { get; }

    internal Point3[] MassCenterAcceleration { get; }

    internal Point3[] MassCenters { get; }

    /// <summary>Each body's inertia about its mass centre, in ground axes.</summary>
    internal InertiaTensor[] Inertia { get; }

    internal Point3[] Force { get; }

    internal Point3[] Moment { get; }

    internal Point3[] BodyAngularVelocity { get; }

    internal Point3[] BodyOriginVelocity { get; }

    internal double[] MassMatrix { get; }

    internal double[] Work { get; }

    internal double[] Zero { get; }

}
