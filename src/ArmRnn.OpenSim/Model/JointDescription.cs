using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// A joint between a parent frame and a child frame. For <see cref="JointKind.Pin"/> and <see cref="JointKind.Custom"/>
/// the child frame rotates relative to the parent frame by <c>Coordinate.value</c> about
/// <see cref="RotationAxis"/> (unit vector in the parent frame); a Pin joint's axis is z.
/// </summary>
/// <param name="Name">Joint name.</param>
/// <param name="Kind">Joint type.</param>
/// <param name="Parent">The parent frame (on the parent body).</param>
/// <param name="Child">The child frame (on the child body).</param>
/// <param name="Coordinate">The joint's coordinate; null for a weld.</param>
/// <param name="RotationAxis">Unit rotation axis in the parent (and child) frame; zero for a weld.</param>
public sealed record JointDescription(
    string Name, JointKind Kind, Frame Parent, Frame Child, CoordinateDescription? Coordinate, Point3 RotationAxis);
