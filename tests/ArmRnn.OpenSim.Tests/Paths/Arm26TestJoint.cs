using ArmRnn.Geometry;
using ArmRnn.OpenSim.Engine;

namespace ArmRnn.OpenSim.Tests.Paths;

/// <summary>A joint of the test kinematics: a weld (no coordinate) or a single rotation about a unit axis given in the
/// parent offset frame.</summary>
internal sealed record Arm26TestJoint(string Name, string ParentBody, Pose ParentOffset, string ChildBody, Pose ChildOffset, Point3 Axis, string? Coordinate);
