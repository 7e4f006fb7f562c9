using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>A wrap object fixed to a body; muscle paths wrap over it. Its frame is placed on the body by
/// <see cref="Translation"/> and the body-fixed X-Y-Z rotation <see cref="XyzBodyRotation"/>.</summary>
/// <param name="Name">Wrap object name (unique in the model).</param>
/// <param name="Body">The body it is fixed to.</param>
/// <param name="Active">Whether it takes part in path computations.</param>
/// <param name="XyzBodyRotation">Body-fixed X-Y-Z Euler angles (rad).</param>
/// <param name="Translation">Origin in the body frame (m).</param>
/// <param name="Quadrant">The side over which wrapping is allowed.</param>
public abstract record WrapObjectDescription(
    string Name, string Body, bool Active, Point3 XyzBodyRotation, Point3 Translation, WrapQuadrant Quadrant);
