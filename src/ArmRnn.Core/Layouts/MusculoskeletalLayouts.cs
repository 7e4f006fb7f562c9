namespace ArmRnn.Layouts;

/// <summary>
/// Builds the state layouts of musculoskeletal models in the channel order of DESIGN.md: coordinate values, then
/// coordinate speeds, then each marker's x, y, z, then per muscle activation, fiber length, fiber velocity,
/// muscle-tendon length, lengthening speed, tendon force and passive fiber force.
/// </summary>
public static class MusculoskeletalLayouts
{
    /// <summary>The per-muscle channels of the full layout, in order: (state or output name, unit, group,
    /// whether it is an OpenSim state variable rather than an output).</summary>
    public static IReadOnlyList<(string Name, string Unit, ChannelGroup Group, bool IsState)> MuscleChannels { get; } =
    [
        ("activation", "1", ChannelGroup.Activation, true),
        ("fiber_length", "m", ChannelGroup.FiberLength, true),
        ("fiber_velocity", "m/s", ChannelGroup.FiberVelocity, false),
        ("length", "m", ChannelGroup.MuscleTendonLength, false),
        ("lengthening_speed", "m/s", ChannelGroup.LengtheningSpeed, false),
        ("tendon_force", "N", ChannelGroup.TendonForce, false),
        ("passive_fiber_force", "N", ChannelGroup.PassiveFiberForce, false),
    ];

    /// <summary>The full layout: kinematics, marker positions and seven channels per muscle.</summary>
    /// <param name="name">Layout identifier.</param>
    /// <param name="coordinates">Coordinates in model order.</param>
    /// <param name="markers">Markers whose ground positions are channels.</param>
    /// <param name="muscles">Muscles in model order.</param>
    public static StateLayout Full(
        string name,
        IReadOnlyList<CoordinateName> coordinates,
        IReadOnlyList<string> markers,
        IReadOnlyList<string> muscles)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(muscles);
        var channels = new List<StateChannel>();
        foreach (var c in coordinates)
        {
            channels.Add(new StateChannel(OpenSimChannelNames.CoordinateValue(c.Joint, c.Coordinate), "rad", ChannelGroup.JointAngle, c.Coordinate));
        }

        foreach (var c in coordinates)
        {
            channels.Add(new StateChannel(OpenSimChannelNames.CoordinateSpeed(c.Joint, c.Coordinate), "rad/s", ChannelGroup.JointSpeed, c.Coordinate));
        }

        foreach (var marker in markers)
        {
            for (var axis = 0; axis < 3; axis++)
            {
                channels.Add(new StateChannel(OpenSimChannelNames.MarkerLocation(marker, axis), "m", ChannelGroup.HandPosition, marker));
            }
        }

        foreach (var muscle in muscles)
        {
            foreach (var (channelName, unit, group, isState) in MuscleChannels)
            {
                var full = isState
                    ? OpenSimChannelNames.MuscleState(muscle, channelName)
                    : OpenSimChannelNames.MuscleOutput(muscle, channelName);
                channels.Add(new StateChannel(full, unit, group, muscle));
            }
        }

        return new StateLayout(name, channels);
    }

    /// <summary>
    /// OpenSim's own state variables in the order OpenSim lists them: each coordinate's value then speed, then each
    /// muscle's activation then fiber length.
    /// </summary>
    /// <param name="name">Layout identifier.</param>
    /// <param name="coordinates">Coordinates in model order.</param>
    /// <param name="muscles">Muscles in model order.</param>
    public static StateLayout OpenSimStates(string name, IReadOnlyList<CoordinateName> coordinates, IReadOnlyList<string> muscles)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        ArgumentNullException.ThrowIfNull(muscles);
        var channels = new List<StateChannel>();
        foreach (var c in coordinates)
        {
            channels.Add(new StateChannel(OpenSimChannelNames.CoordinateValue(c.Joint, c.Coordinate), "rad", ChannelGroup.JointAngle, c.Coordinate));
            channels.Add(new StateChannel(OpenSimChannelNames.CoordinateSpeed(c.Joint, c.Coordinate), "rad/s", ChannelGroup.JointSpeed, c.Coordinate));
        }

        foreach (var muscle in muscles)
        {
            channels.Add(new StateChannel(OpenSimChannelNames.MuscleState(muscle, "activation"), "1", ChannelGroup.Activation, muscle));
            channels.Add(new StateChannel(OpenSimChannelNames.MuscleState(muscle, "fiber_length"), "m", ChannelGroup.FiberLength, muscle));
        }

        return new StateLayout(name, channels);
    }
}
