using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>A joint read by <see cref="OsimJointParser"/> whose frame sockets are not resolved yet.</summary>
/// <param name="Element">The joint element.</param>
/// <param name="Name">The joint's name.</param>
/// <param name="Path">The joint's absolute path (<c>/jointset/&lt;name&gt;</c>).</param>
/// <param name="Kind">The joint type.</param>
/// <param name="ParentSocket">The <c>socket_parent_frame</c> element.</param>
/// <param name="ChildSocket">The <c>socket_child_frame</c> element.</param>
/// <param name="Coordinate">The joint's coordinate, or null for a weld.</param>
/// <param name="Axis">The unit rotation axis, or zero for a weld.</param>
internal sealed record OsimPendingJoint(
    OsimElement Element,
    string Name,
    string Path,
    JointKind Kind,
    OsimElement ParentSocket,
    OsimElement ChildSocket,
    CoordinateDescription? Coordinate,
    Point3 Axis);
