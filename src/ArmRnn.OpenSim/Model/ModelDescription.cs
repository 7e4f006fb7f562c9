using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// An immutable description of a musculoskeletal model: what the managed engine simulates. It is read from an
/// OpenSim <c>.osim</c> file or built in code (the built-in Arm26). Bodies, joints, markers, wrap objects and
/// muscles are in file order; joints form a serial chain from ground.
/// </summary>
/// <param name="Name">Model name.</param>
/// <param name="Gravity">Gravity in ground (m/s²).</param>
/// <param name="Bodies">Bodies (not ground).</param>
/// <param name="Joints">Joints, each connecting a parent frame to a child frame.</param>
/// <param name="Markers">Markers.</param>
/// <param name="WrapObjects">Wrap objects.</param>
/// <param name="Muscles">Muscles, in force-set order.</param>
public sealed record ModelDescription(
    string Name,
    Point3 Gravity,
    IReadOnlyList<BodyDescription> Bodies,
    IReadOnlyList<JointDescription> Joints,
    IReadOnlyList<MarkerDescription> Markers,
    IReadOnlyList<WrapObjectDescription> WrapObjects,
    IReadOnlyList<MuscleDescription> Muscles)
{
    /// <summary>The name OpenSim gives the ground frame.</summary>
    public const string Ground = "ground";
}
