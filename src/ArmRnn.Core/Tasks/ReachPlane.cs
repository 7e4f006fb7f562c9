using System.Globalization;
using ArmRnn.Geometry;

namespace ArmRnn.Tasks;

/// <summary>
/// The plane in which reaches are made: two orthonormal axes <see cref="U"/> and <see cref="V"/> in the ground
/// frame. Plane coordinates (u, v) map to the 3D offset u·U + v·V; 3D offsets map back by projection.
/// </summary>
/// <remarks>Arm26 moves in the ground x-y plane (x forward, y up), which is <see cref="XY"/>, the default.</remarks>
public sealed record ReachPlane
{
    /// <summary>Tolerance on the axes' lengths (|‖U‖ − 1|, |‖V‖ − 1|) and on |U·V|.</summary>
    public const double OrthonormalityTolerance = 1e-9;

    /// <summary>Creates a plane from two orthonormal axes.</summary>
    /// <param name="u">The first axis (plane coordinate u), unit length.</param>
    /// <param name="v">The second axis (plane coordinate v), unit length and perpendicular to <paramref name="u"/>.</param>
    /// <exception cref="ArgumentException">The axes are not unit length or not perpendicular (within
    /// <see cref="OrthonormalityTolerance"/>), or not finite.</exception>
    public ReachPlane(Point3 u, Point3 v)
    {
        Check(u, nameof(u));
        Check(v, nameof(v));
        var dot = u.Dot(v);
        if (!(Math.Abs(dot) <= OrthonormalityTolerance))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The reach plane's axes must be perpendicular; U = {Format(u)} and V = {Format(v)} have U·V = {dot}."),
                nameof(v));
        }

        U = u;
        V = v;
    }

    /// <summary>The ground x-y plane: u along x (forward), v along y (up).</summary>
    public static ReachPlane XY { get; } = new(new Point3(1, 0, 0), new Point3(0, 1, 0));

    /// <summary>The first axis, in ground coordinates.</summary>
    public Point3 U { get; }

    /// <summary>The second axis, in ground coordinates.</summary>
    public Point3 V { get; }

    /// <summary>The plane's normal, U × V.</summary>
    public Point3 Normal => U.Cross(V);

    /// <summary>The 3D offset u·U + v·V of plane coordinates (u, v).</summary>
    /// <param name="u">Coordinate along <see cref="U"/> (m).</param>
    /// <param name="v">Coordinate along <see cref="V"/> (m).</param>
    public Point3 ToOffset(double u, double v) => (U * u) + (V * v);

    /// <summary>The plane coordinates of a 3D offset (its projection on the plane; the normal part is dropped).</summary>
    /// <param name="offset">An offset (m) in ground coordinates.</param>
    public (double U, double V) ToPlane(Point3 offset) => (offset.Dot(U), offset.Dot(V));

    /// <summary>The in-plane part of a 3D offset (the normal part dropped), in ground coordinates; its length is the
    /// offset's distance as measured in the plane.</summary>
    /// <param name="offset">An offset (m) in ground coordinates.</param>
    public Point3 Project(Point3 offset) => ToOffset(offset.Dot(U), offset.Dot(V));

    /// <inheritdoc />
    public override string ToString() => $"plane U = {Format(U)}, V = {Format(V)}";

    private static string Format(Point3 p) => string.Create(CultureInfo.InvariantCulture, $"({p.X}, {p.Y}, {p.Z})");

    private static void Check(Point3 axis, string name)
    {
        var length = axis.Length;
        if (!(Math.Abs(length - 1) <= OrthonormalityTolerance))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The reach plane's axis {name.ToUpperInvariant()} = {Format(axis)} must have unit length; its length is {length}."),
                name);
        }
    }
}
