namespace ArmRnn.Layouts;

/// <summary>
/// The physical kind of a state channel (joint angle, activation, tendon force, ...). Groups let networks,
/// metrics and plots select channels by role instead of by index. The well-known groups are static members;
/// plants with other kinds of channels create their own with <see cref="ChannelGroup(string)"/>.
/// </summary>
/// <param name="Name">A short, lower-case, stable identifier (it is written to dataset files).</param>
public readonly record struct ChannelGroup(string Name)
{
    /// <summary>Generalised coordinate values (joint angles, rad).</summary>
    public static ChannelGroup JointAngle { get; } = new("joint_angle");

    /// <summary>Generalised speeds (joint angular velocities, rad/s).</summary>
    public static ChannelGroup JointSpeed { get; } = new("joint_speed");

    /// <summary>Hand (end-point) position in the ground frame (m).</summary>
    public static ChannelGroup HandPosition { get; } = new("hand_position");

    /// <summary>Hand (end-point) velocity in the ground frame (m/s).</summary>
    public static ChannelGroup HandVelocity { get; } = new("hand_velocity");

    /// <summary>Muscle activation (dimensionless, 0 to 1).</summary>
    public static ChannelGroup Activation { get; } = new("activation");

    /// <summary>Muscle fiber length (m).</summary>
    public static ChannelGroup FiberLength { get; } = new("fiber_length");

    /// <summary>Muscle fiber velocity (m/s).</summary>
    public static ChannelGroup FiberVelocity { get; } = new("fiber_velocity");

    /// <summary>Muscle-tendon (path) length (m).</summary>
    public static ChannelGroup MuscleTendonLength { get; } = new("muscle_tendon_length");

    /// <summary>Muscle-tendon lengthening speed (m/s).</summary>
    public static ChannelGroup LengtheningSpeed { get; } = new("lengthening_speed");

    /// <summary>Tendon force (N).</summary>
    public static ChannelGroup TendonForce { get; } = new("tendon_force");

    /// <summary>Passive fiber force (N).</summary>
    public static ChannelGroup PassiveFiberForce { get; } = new("passive_fiber_force");

    /// <summary>Anything else.</summary>
    public static ChannelGroup Other { get; } = new("other");

    /// <inheritdoc />
    public override string ToString() => Name;
}
