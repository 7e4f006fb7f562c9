namespace ArmRnn.Layouts;

/// <summary>
/// The state layouts of OpenSim's Arm26 model (shoulder elevation, elbow flexion, six Thelen2003 muscles):
/// the 49-channel default state vector of ArmRnn and OpenSim's own 16 state variables.
/// </summary>
/// <remarks>
/// 49 channels: 0-1 joint angles (rad), 2-3 joint speeds (rad/s), 4-6 the hand marker <c>r_radius_styloid</c>
/// in ground (m), then for each muscle in model order (TRIlong, TRIlat, TRImed, BIClong, BICshort, BRA):
/// activation, fiber length, fiber velocity, muscle-tendon length, lengthening speed, tendon force and passive
/// fiber force. Names are OpenSim's state paths and output names, exactly.
/// </remarks>
public static class Arm26Layout
{
    /// <summary>The 49-channel layout's identifier, written to dataset files.</summary>
    public const string FullLayoutName = "arm26-49";

    /// <summary>The 16-state layout's identifier.</summary>
    public const string OpenSimStatesLayoutName = "arm26-opensim-states-16";

    /// <summary>The hand marker.</summary>
    public const string HandMarker = "r_radius_styloid";

    /// <summary>The two coordinates in model order.</summary>
    public static IReadOnlyList<CoordinateName> Coordinates { get; } =
    [
        new("r_shoulder", "r_shoulder_elev"),
        new("r_elbow", "r_elbow_flex"),
    ];

    /// <summary>The six muscles in model order; also the excitation order of Arm26 plants.</summary>
    public static IReadOnlyList<string> MuscleNames { get; } = ["TRIlong", "TRIlat", "TRImed", "BIClong", "BICshort", "BRA"];

    /// <summary>The 49-channel default state vector.</summary>
    public static StateLayout Full { get; } = MusculoskeletalLayouts.Full(FullLayoutName, Coordinates, [HandMarker], MuscleNames);

    /// <summary>OpenSim's 16 state variables of Arm26 in OpenSim's order (q and u per coordinate; activation and
    /// fiber length per muscle).</summary>
    public static StateLayout OpenSimStates { get; } = MusculoskeletalLayouts.OpenSimStates(OpenSimStatesLayoutName, Coordinates, MuscleNames);

    /// <summary>The hand position channels (x, y, z in ground).</summary>
    public static HandChannels Hand { get; } = new(
        OpenSimChannelNames.MarkerLocation(HandMarker, 0),
        OpenSimChannelNames.MarkerLocation(HandMarker, 1),
        OpenSimChannelNames.MarkerLocation(HandMarker, 2));
}
