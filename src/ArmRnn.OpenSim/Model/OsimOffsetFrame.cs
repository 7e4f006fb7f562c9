using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>A joint's <c>PhysicalOffsetFrame</c> as read from the file; <see cref="Body"/> is set once its
/// <c>socket_parent</c> is resolved.</summary>
/// <param name="element">The frame element.</param>
/// <param name="path">The frame's absolute path (<c>/jointset/&lt;joint&gt;/&lt;frame&gt;</c>).</param>
/// <param name="socket">The <c>socket_parent</c> element.</param>
/// <param name="translation">The frame's translation in its parent.</param>
/// <param name="orientation">The frame's body-fixed X-Y-Z orientation in its parent (rad).</param>
internal sealed class OsimOffsetFrame(OsimElement element, string path, OsimElement socket, Point3 translation, Point3 orientation)
{
    /// <summary>The frame element.</summary>
    public OsimElement Element { get; } = element;

    /// <summary>The frame's absolute path.</summary>
    public string Path { get; } = path;

    /// <summary>The <c>socket_parent</c> element.</summary>
    public OsimElement Socket { get; } = socket;

    /// <summary>The translation in the parent.</summary>
    public Point3 Translation { get; } = translation;

    /// <summary>The orientation in the parent.</summary>
    public Point3 Orientation { get; } = orientation;

    /// <summary>The body (or ground) the frame is fixed to, once resolved.</summary>
    public string? Body { get; set; }
}
