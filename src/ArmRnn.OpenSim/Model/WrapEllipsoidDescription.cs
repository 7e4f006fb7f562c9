using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>An ellipsoid with semi-axes along the axes of its frame.</summary>
/// <param name="Name">Name.</param>
/// <param name="Body">Body.</param>
/// <param name="Active">Active.</param>
/// <param name="XyzBodyRotation">Orientation.</param>
/// <param name="Translation">Position.</param>
/// <param name="Quadrant">Allowed side.</param>
/// <param name="Dimensions">Semi-axis lengths along x, y, z (m).</param>
public sealed record WrapEllipsoidDescription(
    string Name, string Body, bool Active, Point3 XyzBodyRotation, Point3 Translation, WrapQuadrant Quadrant, Point3 Dimensions)
    : WrapObjectDescription(Name, Body, Active, XyzBodyRotation, Translation, Quadrant);
