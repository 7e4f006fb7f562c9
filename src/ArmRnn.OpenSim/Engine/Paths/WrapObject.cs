using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>
/// A wrap object's geometry (OpenSim's <c>WrapObject</c>): a surface fixed to a body, placed by
/// <see cref="Placement"/>, over which muscle path segments wrap. Each kind replicates OpenSim 4.3's algorithm for
/// wrapping one straight segment, in the object's own frame.
/// </summary>
/// <remarks>Immutable and thread-safe: all scratch state lives in the caller's <see cref="WrapResult"/>.</remarks>
public abstract class WrapObject
{
    /// <summary>Initialises the common properties from a description.</summary>
    /// <param name="description">The wrap object's description.</param>
    private protected WrapObject(WrapObjectDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Name = description.Name;
        Body = description.Body;
        Active = description.Active;
        Quadrant = description.Quadrant;
        if (!Quadrant.IsAll && (Quadrant.Axis is < 0 or > 2 || Quadrant.Sign is not (1 or -1)))
        {
            throw new ArgumentException($"Wrap object '{Name}': quadrant axis {Quadrant.Axis} sign {Quadrant.Sign} is not valid (axis 0-2, sign ±1).", nameof(description));
        }

        Placement = Pose.FromTranslationAndXyz(description.Translation, description.XyzBodyRotation);
    }

    /// <summary>The wrap object's name.</summary>
    public string Name { get; }

    /// <summary>The body it is fixed to.</summary>
    public string Body { get; }

    /// <summary>Whether it takes part in path computations: a <see cref="GeometryPath"/> skips inactive objects
    /// (<see cref="WrapLine"/> itself does not check).</summary>
    public bool Active { get; }

    /// <summary>The side over which wrapping is allowed.</summary>
    public WrapQuadrant Quadrant { get; }

    /// <summary>The wrap object's frame in its body's frame (<c>p_body = Placement.ToOuter(p_wrap)</c>).</summary>
    public Pose Placement { get; }

    /// <summary>OpenSim's quadrant sign (<c>_wrapSign</c>): 0 when unconstrained.</summary>
    private protected int WrapSign => Quadrant.IsAll ? 0 : Quadrant.Sign;

    /// <summary>OpenSim's quadrant axis (<c>_wrapAxis</c>); meaningful only when <see cref="WrapSign"/> is not 0.</summary>
    private protected int WrapAxis => Quadrant.IsAll ? 0 : Quadrant.Axis;

    /// <summary>Builds the geometry of a described wrap object.</summary>
    /// <param name="description">A cylinder, ellipsoid or sphere description.</param>
    /// <returns>The matching <see cref="WrapCylinder"/>, <see cref="WrapEllipsoid"/> or <see cref="WrapSphere"/>.</returns>
    /// <exception cref="NotSupportedException">Another kind of wrap object.</exception>
    public static WrapObject Create(WrapObjectDescription description) => description switch
    {
        WrapCylinderDescription cylinder => new WrapCylinder(cylinder),
        WrapEllipsoidDescription ellipsoid => new WrapEllipsoid(ellipsoid),
        WrapSphereDescription sphere => new WrapSphere(sphere),
        null => throw new ArgumentNullException(nameof(description)),
        _ => throw new NotSupportedException($"Wrap object '{description.Name}' is a {description.GetType().Name}, which the managed engine does not support."),
    };

    /// <summary>
    /// Wraps the straight segment from <paramref name="point1"/> to <paramref name="point2"/> (both in this object's
    /// frame) over the object, as OpenSim 4.3's <c>wrapLine</c> does, writing the outcome into
    /// <paramref name="result"/> (tangent points and surface points in this object's frame).
    /// </summary>
    /// <param name="point1">First end of the segment (wrap frame, m).</param>
    /// <param name="point2">Second end of the segment (wrap frame, m).</param>
    /// <param name="method">The path wrap's method (used by ellipsoids only).</param>
    /// <param name="result">Receives the result; reused storage, overwritten.</param>
    /// <returns>The outcome, also in <see cref="WrapResult.Status"/>.</returns>
    public WrapStatus WrapLine(Point3 point1, Point3 point2, WrapMethod method, WrapResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.Begin();
        var status = WrapLineCore(point1, point2, method, result);
        result.Status = status;
        if (status is not (WrapStatus.Wrapped or WrapStatus.MandatoryWrap))
        {
            result.ClearPoints();
            result.Length = 0.0;
        }

        return status;
    }

    /// <summary>The object-specific algorithm behind <see cref="WrapLine"/>; <paramref name="result"/> has been reset
    /// with <see cref="WrapResult.Begin"/> (its <see cref="WrapResult.C1"/> still holds the previous wrap's).</summary>
    private protected abstract WrapStatus WrapLineCore(Point3 point1, Point3 point2, WrapMethod method, WrapResult result);
}
