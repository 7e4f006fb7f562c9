using System.Xml;
using System.Xml.Linq;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// Reads OpenSim 4.x model files (<c>.osim</c>, <c>&lt;OpenSimDocument Version="40000"&gt;</c>; any Version from 30000 on
/// is accepted when the file has the 4.0 layout) into a <see cref="ModelDescription"/>.
/// </summary>
/// <remarks>
/// <para>
/// What is read: the model's gravity; bodies (mass, mass centre, inertia <c>Ixx Iyy Izz Ixy Ixz Iyz</c>) and the wrap
/// objects of bodies and ground (<c>WrapCylinder</c>, <c>WrapEllipsoid</c>, <c>WrapSphere</c>); joints
/// (<c>WeldJoint</c>; <c>PinJoint</c>, a rotation about z; <c>CustomJoint</c> whose <c>SpatialTransform</c> has one
/// rotation driven by its one coordinate through <c>LinearFunction</c> <c>1 0</c>, every other axis <c>Constant</c> 0)
/// with their frames (a body, ground, or a <c>PhysicalOffsetFrame</c> of a joint on a body or ground) and coordinates;
/// markers; and <c>Thelen2003Muscle</c> forces with every property of <c>Thelen2003Muscle</c> and <c>Muscle</c>, their
/// <c>GeometryPath</c> (<c>PathPoint</c>, <c>ConditionalPathPoint</c>, <c>PathWrap</c>). Missing properties take OpenSim
/// 4.3's class defaults, and values are checked as OpenSim checks them when it loads a model.
/// </para>
/// <para>
/// Nothing the managed engine does not model is ignored: another force, joint, wrap object or path point type
/// (<c>MovingPathPoint</c>), a non-empty <c>ConstraintSet</c>, <c>ControllerSet</c>, <c>ContactGeometrySet</c>,
/// <c>ProbeSet</c>, <c>ComponentSet</c> or <c>components</c> list, a locked or prescribed coordinate, a muscle with
/// <c>ignore_tendon_compliance</c> or <c>ignore_activation_dynamics</c>, units other than meters and newtons, joints
/// that do not form one serial chain from ground, or any element the reader does not know, is an
/// <see cref="OsimFormatException"/> naming the file, line, element and its path. Display-only content is skipped:
/// <c>FrameGeometry</c>, <c>attached_geometry</c>, <c>Appearance</c>, <c>ModelVisualPreferences</c>, <c>credits</c>,
/// <c>publications</c>, set <c>groups</c>, a marker's <c>fixed</c> flag, and the properties that only OpenSim's control
/// solvers or constraint assembly read (<c>optimal_force</c>, <c>min_control</c>, <c>max_control</c> of a muscle,
/// <c>assembly_accuracy</c>, a coordinate's <c>is_free_to_satisfy_constraints</c>), which are still checked.
/// </para>
/// <para>
/// Normalisations, each as OpenSim applies it: a <c>CustomJoint</c>'s rotation axis is scaled to unit length (Simbody
/// normalises it); <see cref="PathWrapDescription.RangeStart"/> and <see cref="PathWrapDescription.RangeEnd"/> below 1
/// become -1 (OpenSim treats every value below 1 as "first" or "last point"); unnamed path points are named
/// <c>&lt;muscle&gt;-P&lt;n&gt;</c> and unnamed path wraps <c>pathwrap_&lt;i&gt;</c>. Joints are returned in chain
/// order from ground (the file's order when it already is). Wrap objects are returned in file order (ground's first).
/// </para>
/// </remarks>
public static class OsimModelReader
{
    /// <summary>Reads an <c>.osim</c> file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model description.</returns>
    /// <exception cref="OsimFormatException">The file is malformed or uses something the engine does not model.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ModelDescription Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads an <c>.osim</c> document from a stream.</summary>
    /// <param name="stream">The document.</param>
    /// <param name="sourceName">The name used for the document in error messages (a file name, say).</param>
    /// <returns>The model description.</returns>
    /// <exception cref="OsimFormatException">The document is malformed or uses something the engine does not model.</exception>
    public static ModelDescription Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception)
        {
            throw new OsimFormatException(
                $"the file is not well-formed XML: {exception.Message}", sourceName, exception.LineNumber, null, exception);
        }

        return OsimModelParser.Parse(document, sourceName);
    }

    /// <summary>
    /// Parses a wrap object's <c>quadrant</c> exactly as OpenSim 4.3 does (<c>WrapObject::extendFinalizeFromProperties</c>;
    /// case-sensitive, surrounding white space ignored):
    /// <list type="table">
    /// <listheader><term>quadrant</term><description><see cref="WrapQuadrant"/> (Axis, Sign)</description></listheader>
    /// <item><term><c>all</c>, <c>All</c>, <c>ALL</c>, or absent (OpenSim's <c>Unassigned</c>)</term><description><see cref="WrapQuadrant.All"/> (-1, 0)</description></item>
    /// <item><term><c>x</c>, <c>+x</c>, <c>X</c>, <c>+X</c></term><description>(0, +1)</description></item>
    /// <item><term><c>-x</c>, <c>-X</c></term><description>(0, -1)</description></item>
    /// <item><term><c>y</c>, <c>+y</c>, <c>Y</c>, <c>+Y</c></term><description>(1, +1)</description></item>
    /// <item><term><c>-y</c>, <c>-Y</c></term><description>(1, -1)</description></item>
    /// <item><term><c>z</c>, <c>+z</c>, <c>Z</c>, <c>+Z</c></term><description>(2, +1)</description></item>
    /// <item><term><c>-z</c>, <c>-Z</c></term><description>(2, -1)</description></item>
    /// </list>
    /// Anything else (<c>xy</c>, <c>-all</c>, <c>aLL</c> ...) is rejected, as OpenSim rejects it. (For "all" OpenSim keeps
    /// its internal wrap axis at its initial value 0 with sign 0; the sign alone marks the quadrant as unrestricted.)
    /// </summary>
    /// <param name="text">The <c>quadrant</c> text; null or <c>Unassigned</c> for an absent property.</param>
    /// <param name="quadrant">The quadrant, when the text is valid.</param>
    /// <returns>Whether the text is a valid quadrant.</returns>
    public static bool TryParseQuadrant(string? text, out WrapQuadrant quadrant)
    {
        var value = text?.Trim() ?? "Unassigned";
        WrapQuadrant? parsed = value switch
        {
            "all" or "All" or "ALL" or "Unassigned" => WrapQuadrant.All,
            "x" or "+x" or "X" or "+X" => new WrapQuadrant(0, 1),
            "-x" or "-X" => new WrapQuadrant(0, -1),
            "y" or "+y" or "Y" or "+Y" => new WrapQuadrant(1, 1),
            "-y" or "-Y" => new WrapQuadrant(1, -1),
            "z" or "+z" or "Z" or "+Z" => new WrapQuadrant(2, 1),
            "-z" or "-Z" => new WrapQuadrant(2, -1),
            _ => null,
        };
        quadrant = parsed ?? default;
        return parsed.HasValue;
    }

    /// <summary>
    /// Parses a path wrap's <c>method</c> as OpenSim 4.3 does (<c>PathWrap::extendConnectToModel</c>): <c>hybrid</c>,
    /// <c>Hybrid</c>, <c>HYBRID</c>, absent or <c>Unassigned</c> → <see cref="WrapMethod.Hybrid"/>; <c>midpoint</c>,
    /// <c>Midpoint</c>, <c>MIDPOINT</c> → <see cref="WrapMethod.Midpoint"/>; <c>axial</c>, <c>Axial</c>, <c>AXIAL</c> →
    /// <see cref="WrapMethod.Axial"/>; anything else is rejected.
    /// </summary>
    /// <param name="text">The <c>method</c> text; null for an absent property.</param>
    /// <param name="method">The method, when the text is valid.</param>
    /// <returns>Whether the text is a valid method.</returns>
    public static bool TryParseWrapMethod(string? text, out WrapMethod method)
    {
        WrapMethod? parsed = (text?.Trim() ?? "hybrid") switch
        {
            "hybrid" or "Hybrid" or "HYBRID" or "Unassigned" => WrapMethod.Hybrid,
            "midpoint" or "Midpoint" or "MIDPOINT" => WrapMethod.Midpoint,
            "axial" or "Axial" or "AXIAL" => WrapMethod.Axial,
            _ => null,
        };
        method = parsed ?? default;
        return parsed.HasValue;
    }
}
