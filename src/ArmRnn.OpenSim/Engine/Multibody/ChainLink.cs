using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Engine.Multibody;

/// <summary>One body of a <see cref="MultibodyChain"/> and the joint that attaches it to its parent.</summary>
/// <param name="BodyName">The body.</param>
/// <param name="ParentLink">Index of the parent link, or -1 when the parent is ground.</param>
/// <param name="ParentOffset">The joint's parent frame in the parent body (or ground).</param>
/// <param name="ChildOffset">The joint's child frame in this body.</param>
/// <param name="Axis">Unit rotation axis in the joint frames; zero for a weld.</param>
/// <param name="CoordinateIndex">Index of the joint's coordinate, or -1 for a weld.</param>
/// <param name="Mass">Mass (kg).</param>
/// <param name="MassCenter">Centre of mass in the body frame (m).</param>
/// <param name="Inertia">Inertia about the centre of mass in the body frame (kg·m²).</param>
internal sealed record ChainLink(
    string BodyName,
    int ParentLink,
    Pose ParentOffset,
    Pose ChildOffset,
    Point3 Axis,
    int CoordinateIndex,
    double Mass,
    Point3 MassCenter,
    InertiaTensor Inertia)
{
    /// <summary>The inverse of <see cref="ChildOffset"/> (body frame from the joint's child frame), precomputed.</summary>
    public Pose ChildOffsetInverse { get; } = ChildOffset.Inverse();

    /// <summary>
    /// The joint's rotation and the child offset combined, as Rodrigues' formula splits them: with K the cross-product
    /// matrix of <see cref="Axis"/>, <c>R(θ) B = B + sin θ (K B) + (1 − cos θ) (K² B)</c> for B the rotation of
    /// <see cref="ChildOffsetInverse"/>, and likewise for its origin b. These are the constant parts.
    /// </summary>
    public JointRotationTerms RotationTerms { get; } = JointRotationTerms.For(Axis, ChildOffset.Inverse());
}
