namespace ArmRnn.OpenSim.Model;

/// <summary>The joints of a model as <see cref="OsimJointParser"/> read them, with what other parts of the file may refer
/// to.</summary>
/// <param name="Joints">Joints in chain order from ground.</param>
/// <param name="OffsetFramePaths">Absolute paths of the joints' offset frames.</param>
/// <param name="CoordinatePaths">Coordinate names by absolute path (<c>/jointset/&lt;joint&gt;/&lt;coordinate&gt;</c>).</param>
internal sealed record OsimJointSet(
    IReadOnlyList<JointDescription> Joints,
    IReadOnlySet<string> OffsetFramePaths,
    IReadOnlyDictionary<string, string> CoordinatePaths);
