using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Engine;

/// <summary>The placement of a frame in an outer frame (usually ground): <c>p_outer = Rotation * p_inner + Origin</c>.</summary>
/// <param name="Rotation">Orientation of the inner frame in the outer frame.</param>
/// <param name="Origin">The inner frame's origin in the outer frame (m).</param>
public readonly record struct Pose(Rotation3 Rotation, Point3 Origin)
{
    /// <summary>The identity placement.</summary>
    public static Pose Identity { get; } = new(Rotation3.Identity, Point3.Zero);

    /// <summary>A frame placed by a translation and body-fixed X-Y-Z Euler angles (as OpenSim's offset frames and wrap
    /// objects are).</summary>
    public static Pose FromTranslationAndXyz(Point3 translation, Point3 xyzAngles) => new(Rotation3.FromBodyFixedXyz(xyzAngles), translation);

    /// <summary>A point given in the inner frame, expressed in the outer frame.</summary>
    public Point3 ToOuter(Point3 inner) => (Rotation * inner) + Origin;

    /// <summary>A point given in the outer frame, expressed in the inner frame.</summary>
    public Point3 ToInner(Point3 outer) => Rotation.TransposeTimes(outer - Origin);

    /// <summary>Composition: <c>this</c> placed in its outer frame, <paramref name="inner"/> placed in <c>this</c>.</summary>
    public Pose Compose(Pose inner) => new(Rotation * inner.Rotation, ToOuter(inner.Origin));

    /// <summary>The inverse placement.</summary>
    public Pose Inverse()
    {
        var transposed = Rotation.Transpose();
        return new(transposed, -(transposed * Origin));
    }
}
