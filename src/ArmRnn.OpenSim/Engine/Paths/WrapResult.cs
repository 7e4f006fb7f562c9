using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>
/// The result of wrapping one straight path segment over a wrap object, in the wrap object's own frame (OpenSim's
/// <c>WrapResult</c>): whether it wrapped, the two tangent points where the path meets and leaves the surface, the
/// points of the path on the surface in between, and the length of that surface path.
/// </summary>
/// <remarks>
/// A result is a reusable buffer: <see cref="WrapObject.WrapLine"/> overwrites it, and its point storage grows to the
/// largest wrap seen and is then reused, so wrapping allocates nothing in steady state. Not thread-safe; use one per
/// thread.
/// </remarks>
public sealed class WrapResult
{
    private Point3[] _points = new Point3[64];
    private int _count;

    /// <summary>Creates an empty result (<see cref="WrapStatus.NoWrap"/>).</summary>
    public WrapResult()
    {
        C1 = WrapMath.NaNVector;
        Sv = WrapMath.NaNVector;
    }

    /// <summary>The outcome.</summary>
    public WrapStatus Status { get; internal set; }

    /// <summary>Whether the segment wraps (<see cref="WrapStatus.Wrapped"/> or <see cref="WrapStatus.MandatoryWrap"/>).</summary>
    public bool IsWrapped => Status is WrapStatus.Wrapped or WrapStatus.MandatoryWrap;

    /// <summary>The tangent point on the side of the segment's first point (wrap frame, m). Meaningful only when
    /// <see cref="IsWrapped"/>.</summary>
    public Point3 Tangent1 { get; internal set; }

    /// <summary>The tangent point on the side of the segment's second point (wrap frame, m). Meaningful only when
    /// <see cref="IsWrapped"/>.</summary>
    public Point3 Tangent2 { get; internal set; }

    /// <summary>The length of the path on the surface from <see cref="Tangent1"/> to <see cref="Tangent2"/> (m), as
    /// OpenSim computes it (see each wrap object for its approximation). Zero when not wrapped.</summary>
    public double Length { get; internal set; }

    /// <summary>Points of the path on the surface, from (about) <see cref="Tangent1"/> to <see cref="Tangent2"/>
    /// (wrap frame, m), for display. Empty when not wrapped. Valid until the result is next overwritten.</summary>
    public ReadOnlySpan<Point3> SurfacePoints => _points.AsSpan(0, _count);

    /// <summary>Number of <see cref="SurfacePoints"/>.</summary>
    public int SurfacePointCount => _count;

    /// <summary>The ellipsoid algorithm's point on the surface that fixes the wrapping plane (OpenSim's <c>c1</c>,
    /// in the ellipsoid's normalised coordinates). Kept across calls, as OpenSim keeps its previous wrap: it is the
    /// fallback when the closest-point iteration fails.</summary>
    internal Point3 C1 { get; set; }

    /// <summary>The ellipsoid algorithm's point on the segment paired with <see cref="C1"/> (OpenSim's <c>sv</c>).</summary>
    internal Point3 Sv { get; set; }

    /// <summary>Which algorithm branches produced this result (diagnostics).</summary>
    internal WrapTrace Trace { get; set; }

    /// <summary>The surface point <paramref name="index"/>.</summary>
    internal ref Point3 PointAt(int index) => ref _points[index];

    /// <summary>Starts a new wrap: no points, zero length, <see cref="WrapStatus.NoWrap"/>.</summary>
    internal void Begin()
    {
        _count = 0;
        Length = 0.0;
        Status = WrapStatus.NoWrap;
        Trace = WrapTrace.None;
    }

    /// <summary>Removes the surface points.</summary>
    internal void ClearPoints() => _count = 0;

    /// <summary>Appends a surface point.</summary>
    internal void AddPoint(Point3 point)
    {
        if (_count == _points.Length)
        {
            Array.Resize(ref _points, _points.Length * 2);
        }

        _points[_count++] = point;
    }
}
