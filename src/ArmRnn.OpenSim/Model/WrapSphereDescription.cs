using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>A sphere centred on its frame's origin.</summary>
/// <param name="Name">Name.</param>
/// <param name="Body">Body.</param>
/// <param name="Active">Active.</param>
/// <param name="XyzBodyRotation">Orientation.</param>
/// <param name="Translation">Position.</param>
/// <param name="Quadrant">Allowed side.</param>
/// <param name="Radius">Radius (m).</param>
public sealed record WrapSphereDescription(
    string Name, string Body, bool Active, Point3 XyzBodyRotation, Point3 Translation, WrapQuadrant Quadrant, double Radius)
    : WrapObjectDescription(Name, Body, Active, XyzBodyRotation, Translation, Quadrant);
