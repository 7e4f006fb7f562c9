using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Engine.Multibody;

/// <summary>
/// The constant parts of a one-axis joint's rotation applied to the frame that follows it (Rodrigues' formula): for a
/// unit axis k with cross-product matrix K, <c>R(θ) = I + sin θ K + (1 − cos θ) K²</c>, so the rotation and origin of
/// a frame B placed after the joint are <c>B + sin θ (K B) + (1 − cos θ) (K² B)</c> and likewise for its origin. Only
/// two scalars change with the angle, which saves building R(θ) and one matrix product per joint and evaluation.
/// </summary>
/// <param name="Rotation">B's rotation.</param>
/// <param name="AxisTimesRotation">K B (not a rotation; stored as a 3×3 matrix).</param>
/// <param name="AxisSquaredTimesRotation">K² B (not a rotation; stored as a 3×3 matrix).</param>
/// <param name="Origin">B's origin b.</param>
/// <param name="AxisCrossOrigin">k × b.</param>
/// <param name="AxisCrossAxisCrossOrigin">k × (k × b).</param>
internal readonly record struct JointRotationTerms(
    Rotation3 Rotation,
    Rotation3 AxisTimesRotation,
    Rotation3 AxisSquaredTimesRotation,
    Point3 Origin,
    Point3 AxisCrossOrigin,
    Point3 AxisCrossAxisCrossOrigin)
{
    /// <summary>The terms of a joint about unit <paramref name="axis"/> followed by <paramref name="after"/>.</summary>
    public static JointRotationTerms For(Point3 axis, Pose after)
    {
        var k = new Rotation3(0, -axis.Z, axis.Y, axis.Z, 0, -axis.X, -axis.Y, axis.X, 0);
        var kb = k * after.Rotation;
        var kkb = k * kb;
        var kCrossB = axis.Cross(after.Origin);
        return new(after.Rotation, kb, kkb, after.Origin, kCrossB, axis.Cross(kCrossB));
    }

    /// <summary>The pose R(θ) B for the joint angle whose sine and cosine are given.</summary>
    public Pose Apply(double sin, double cos)
    {
        var t = 1 - cos;
        var (b, kb, kkb) = (Rotation, AxisTimesRotation, AxisSquaredTimesRotation);
        var rotation = new Rotation3(
            b.M00 + (sin * kb.M00) + (t * kkb.M00), b.M01 + (sin * kb.M01) + (t * kkb.M01), b.M02 + (sin * kb.M02) + (t * kkb.M02),
            b.M10 + (sin * kb.M10) + (t * kkb.M10), b.M11 + (sin * kb.M11) + (t * kkb.M11), b.M12 + (sin * kb.M12) + (t * kkb.M12),
            b.M20 + (sin * kb.M20) + (t * kkb.M20), b.M21 + (sin * kb.M21) + (t * kkb.M21), b.M22 + (sin * kb.M22) + (t * kkb.M22));
        return new(rotation, Origin + (AxisCrossOrigin * sin) + (AxisCrossAxisCrossOrigin * t));
    }
}
