using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>A cylinder along the z axis of its frame.</summary>
/// <param name="Name">Name.</param>
/// <param name="Body">Body.</param>
/// <param name="Active">Active.</param>
/// <param name="XyzBodyRotation">Orientation.</param>
/// <param name="Translation">Position.</param>
/// <param name="Quadrant">Allowed side.</param>
/// <param name="Radius">Radius (m).</param>
/// <param name="Length">Length along z (m).</param>
public sealed record WrapCylinderDescription(
    string Name, string Body, bool Active, Point3 XyzBodyRotation, Point3 Translation, WrapQuadrant Quadrant, double Radius, double Length)
    : WrapObjectDescription(Name, Body, Active, XyzBodyRotation, Translation, Quadrant);
