using System.Globalization;
using System.Xml.Linq;
using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// Reads one <c>.osim</c> document (see <see cref="OsimModelReader"/> for what is read and what is rejected): the
/// document, the model, ground, bodies, wrap objects and markers; joints and muscles are read by
/// <see cref="OsimJointParser"/> and <see cref="OsimMuscleParser"/>.
/// </summary>
internal sealed class OsimModelParser
{
    /// <summary>The oldest document version accepted (OpenSim 3.0).</summary>
    public const int MinimumVersion = 30000;

    /// <summary>The first version in which markers name their frame with a socket instead of <c>body</c>.</summary>
    private const int MarkerSocketVersion = 30501;

    private static readonly Point3 DefaultGravity = new(0, -9.80665, 0);

    private readonly OsimReadContext _context;
    private readonly List<BodyDescription> _bodies = [];
    private readonly Dictionary<string, OsimElement> _bodyElements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bodyPaths = new(StringComparer.Ordinal);
    private readonly List<WrapObjectDescription> _wrapObjects = [];
    private readonly HashSet<string> _wrapObjectNames = new(StringComparer.Ordinal);

    private OsimModelParser(OsimReadContext context)
    {
        _context = context;
    }

    /// <summary>Reads a loaded document.</summary>
    public static ModelDescription Parse(XDocument document, string sourceName)
    {
        var root = document.Root ?? throw new OsimFormatException("the document has no root element", sourceName, 0, null);
        var rootElement = new OsimElement(root, new OsimReadContext(sourceName, 0));
        if (rootElement.Tag != "OpenSimDocument")
        {
            throw rootElement.Error($"the root element is {rootElement.Describe()}; an OpenSim model file starts with <OpenSimDocument>.");
        }

        var versionText = root.Attribute("Version")?.Value;
        if (versionText is null)
        {
            throw rootElement.Error("<OpenSimDocument> has no Version attribute.");
        }

        if (!int.TryParse(versionText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw rootElement.Error($"the Version attribute \"{versionText}\" is not an integer.");
        }

        if (version < MinimumVersion)
        {
            throw rootElement.Error(
                $"Version {version} is older than the OpenSim 3.0 format ({MinimumVersion}); open and save the model in OpenSim 4.x to convert it.");
        }

        var context = new OsimReadContext(sourceName, version);
        var documentElement = new OsimElement(root, context);
        var model = documentElement.Required("Model");
        documentElement.EnsureAllRead();
        return new OsimModelParser(context).ParseModel(model);
    }

    private ModelDescription ParseModel(OsimElement model)
    {
        model.Ignore("credits", "publications", "ModelVisualPreferences");
        CheckUnits(model.Optional("length_units"), "M", "METERS", "m", "meters");
        CheckUnits(model.Optional("force_units"), "N", "NEWTONS", "Newtons");
        _ = model.Double("assembly_accuracy", 1e-9); // Only OpenSim's constraint assembly uses it; the engine has no constraints.
        var gravity = model.Vec3("gravity", DefaultGravity);

        _bodyPaths["/" + ModelDescription.Ground] = ModelDescription.Ground;
        if (model.Optional("Ground") is { } ground)
        {
            ParseGround(ground);
        }

        if (model.Optional("BodySet") is { } bodySet)
        {
            var bodySetPath = "/" + SetName(bodySet);
            foreach (var body in Objects(bodySet))
            {
                ParseBody(body, bodySetPath);
            }
        }

        var jointSet = model.Optional("JointSet");
        var joints = OsimJointParser.Parse(
            jointSet is null ? [] : Objects(jointSet),
            jointSet is null ? "/jointset" : "/" + SetName(jointSet),
            _bodyPaths,
            _bodies.Select(b => b.Name).ToList(),
            _bodyElements);

        var markers = new List<MarkerDescription>();
        if (model.Optional("MarkerSet") is { } markerSet)
        {
            var markerSetPath = "/" + SetName(markerSet);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var marker in Objects(markerSet))
            {
                markers.Add(ParseMarker(marker, markerSetPath, names, joints.OffsetFramePaths));
            }
        }

        RequireEmptySet(model, "ConstraintSet", "the managed engine models no constraints");
        RequireEmptySet(model, "ControllerSet", "controllers live outside the model in ArmRnn (an IController drives the plant)");
        RequireEmptySet(model, "ContactGeometrySet", "the managed engine models no contact");
        RequireEmptySet(model, "ProbeSet", "the managed engine models no probes");
        RequireEmptySet(model, "ComponentSet", "the managed engine models no additional components");
        model.RequireEmpty("components", "the managed engine models no additional components");

        var muscles = new List<MuscleDescription>();
        if (model.Optional("ForceSet") is { } forceSet)
        {
            var muscleParser = new OsimMuscleParser(_context, _bodyPaths, joints.OffsetFramePaths, joints.CoordinatePaths, _wrapObjectNames);
            muscles.AddRange(muscleParser.Parse(Objects(forceSet), "/" + SetName(forceSet)));
        }

        model.EnsureAllRead();
        return new ModelDescription(
            model.Name, gravity, _bodies.AsReadOnly(), joints.Joints, markers.AsReadOnly(), _wrapObjects.AsReadOnly(), muscles.AsReadOnly());
    }

    /// <summary>The objects of an OpenSim set (<c>&lt;objects&gt;</c>); its <c>groups</c> only name subsets and are
    /// skipped.</summary>
    internal static IReadOnlyList<OsimElement> Objects(OsimElement set)
    {
        set.Ignore("groups");
        var objects = set.Optional("objects");
        set.EnsureAllRead();
        return objects?.ReadAllChildren() ?? [];
    }

    /// <summary>The name a set has in OpenSim's component tree: its name attribute, or its lower-cased class name.</summary>
    internal static string SetName(OsimElement set) => set.Name.Length > 0 ? set.Name : set.Tag.ToLowerInvariant();

    /// <summary>Checks that the element has a non-empty name unique in <paramref name="names"/>.</summary>
    internal static string UniqueName(OsimElement element, HashSet<string> names, string kind)
    {
        var name = element.Name;
        if (name.Length == 0)
        {
            throw element.Error($"{element.Describe()} has no name; every {kind} needs one.");
        }

        if (!names.Add(name))
        {
            throw element.Error($"a {kind} named '{name}' appears more than once.");
        }

        return name;
    }

    private static void RequireEmptySet(OsimElement model, string tag, string why)
    {
        if (model.Optional(tag) is not { } set)
        {
            return;
        }

        var first = Objects(set).FirstOrDefault();
        if (first is not null)
        {
            throw first.Error($"{first.Describe()} in the {tag} is not supported: {why}.");
        }
    }

    private static void CheckUnits(OsimElement? element, params string[] accepted)
    {
        if (element is null)
        {
            return;
        }

        var text = element.Text;
        if (Array.IndexOf(accepted, text) < 0)
        {
            throw element.Error($"units \"{text}\" are not supported: the managed engine works in SI units ({accepted[^1]}).");
        }
    }

    private void ParseGround(OsimElement ground)
    {
        if (ground.Name.Length > 0 && ground.Name != ModelDescription.Ground)
        {
            throw ground.Error($"ground must be named '{ModelDescription.Ground}'; found '{ground.Name}'.");
        }

        ParsePhysicalFrameContent(ground, ModelDescription.Ground);
        ground.EnsureAllRead();
    }

    private void ParseBody(OsimElement body, string bodySetPath)
    {
        if (body.Tag != "Body")
        {
            throw body.Error($"{body.Describe()} is not supported in the BodySet: the managed engine models rigid <Body> elements only.");
        }

        var name = body.Name;
        if (name.Length == 0)
        {
            throw body.Error("<Body> has no name; every body needs one.");
        }

        if (name == ModelDescription.Ground || _bodyElements.ContainsKey(name))
        {
            throw body.Error($"a body named '{name}' appears more than once (or takes ground's name).");
        }

        // OpenSim's class default for mass is NaN: a body must state it.
        var massElement = body.Optional("mass") ?? throw body.Error($"{body.Describe()} has no <mass>, which is required.");
        var mass = massElement.AsDouble();
        if (mass < 0)
        {
            throw massElement.Error($"the mass of body '{name}' is negative ({Format(mass)}).");
        }

        var massCenter = body.Vec3("mass_center", Point3.Zero);
        var inertiaElement = body.Optional("inertia");
        var inertia = InertiaDescription.Zero;
        if (inertiaElement is not null)
        {
            var values = inertiaElement.AsDoubles(6);
            inertia = new InertiaDescription(values[0], values[1], values[2], values[3], values[4], values[5]);
            CheckInertia(inertiaElement, name, mass, inertia);
        }

        ParsePhysicalFrameContent(body, name);
        body.EnsureAllRead();

        _bodies.Add(new BodyDescription(name, mass, massCenter, inertia));
        _bodyElements[name] = body;
        _bodyPaths[OsimSocketPath.Child(bodySetPath, name)] = name;
    }

    private static void CheckInertia(OsimElement element, string body, double mass, InertiaDescription inertia)
    {
        double[] all = [inertia.Ixx, inertia.Iyy, inertia.Izz, inertia.Ixy, inertia.Ixz, inertia.Iyz];
        var norm = Math.Sqrt(all.Sum(v => v * v));
        var significant = OsimLimits.SignificantReal;
        if (Math.Abs(mass) <= significant && norm > significant)
        {
            throw element.Error(
                $"body '{body}' has no mass but a non-zero inertia (OpenSim would reset the inertia to zero with a warning); make them consistent.");
        }

        // Simbody's test of a valid inertia: non-negative moments that satisfy the triangle inequality.
        var slop = Math.Max(inertia.Ixx + inertia.Iyy + inertia.Izz, 1) * significant;
        if (inertia.Ixx < 0 || inertia.Iyy < 0 || inertia.Izz < 0
            || inertia.Ixx + inertia.Iyy + slop < inertia.Izz
            || inertia.Ixx + inertia.Izz + slop < inertia.Iyy
            || inertia.Iyy + inertia.Izz + slop < inertia.Ixx)
        {
            throw element.Error(
                $"the inertia of body '{body}' is not physically valid (moments must be non-negative and each at most the sum of the other two); OpenSim would replace it with a guess.");
        }
    }

    /// <summary>What ground and bodies share as OpenSim <c>PhysicalFrame</c>s: display geometry (skipped), wrap objects,
    /// and an empty <c>components</c> list.</summary>
    private void ParsePhysicalFrameContent(OsimElement frame, string body)
    {
        frame.Ignore("FrameGeometry", "frame_geometry", "attached_geometry");
        if (frame.Optional("WrapObjectSet") is { } wrapObjectSet)
        {
            foreach (var wrapObject in Objects(wrapObjectSet))
            {
                ParseWrapObject(wrapObject, body);
            }
        }

        frame.RequireEmpty("components", "the managed engine models no subcomponents of frames");
    }

    private void ParseWrapObject(OsimElement element, string body)
    {
        if (element.Tag is not ("WrapCylinder" or "WrapEllipsoid" or "WrapSphere"))
        {
            throw element.Error(
                $"wrap object type {element.Tag} ('{element.Name}') is not supported: the managed engine models WrapCylinder, WrapEllipsoid and WrapSphere.");
        }

        var name = UniqueName(element, _wrapObjectNames, "wrap object");
        var active = element.Bool("active", true);
        var rotation = element.Vec3("xyz_body_rotation", Point3.Zero);
        var translation = element.Vec3("translation", Point3.Zero);
        var quadrantElement = element.Optional("quadrant");
        if (!OsimModelReader.TryParseQuadrant(quadrantElement?.Text, out var quadrant))
        {
            throw quadrantElement!.Error(
                $"quadrant \"{quadrantElement.Text}\" of wrap object '{name}' is not valid: use all, x, +x, -x, y, +y, -y, z, +z or -z.");
        }

        element.Ignore("Appearance");
        element.RequireEmpty("components", "the managed engine models no subcomponents of wrap objects");

        WrapObjectDescription description;
        switch (element.Tag)
        {
            case "WrapCylinder":
            {
                var radius = NonNegative(element, "radius", 1.0, name);
                var length = NonNegative(element, "length", 1.0, name);
                description = new WrapCylinderDescription(name, body, active, rotation, translation, quadrant, radius, length);
                break;
            }

            case "WrapEllipsoid":
            {
                var dimensionsElement = element.Optional("dimensions");
                var dimensions = dimensionsElement?.AsVec3() ?? new Point3(0.05, 0.05, 0.05);
                if (dimensions.X <= 0 || dimensions.Y <= 0 || dimensions.Z <= 0)
                {
                    throw dimensionsElement!.Error($"the dimensions of wrap ellipsoid '{name}' must be positive.");
                }

                description = new WrapEllipsoidDescription(name, body, active, rotation, translation, quadrant, dimensions);
                break;
            }

            default:
                description = new WrapSphereDescription(
                    name, body, active, rotation, translation, quadrant, NonNegative(element, "radius", 0.05, name));
                break;
        }

        element.EnsureAllRead();
        _wrapObjects.Add(description);
    }

    private static double NonNegative(OsimElement element, string tag, double defaultValue, string owner)
    {
        var child = element.Optional(tag);
        var value = child?.AsDouble() ?? defaultValue;
        if (value < 0)
        {
            throw child!.Error($"the {tag} of wrap object '{owner}' cannot be negative ({Format(value)}).");
        }

        return value;
    }

    private MarkerDescription ParseMarker(
        OsimElement marker, string markerSetPath, HashSet<string> names, IReadOnlySet<string> offsetFramePaths)
    {
        if (marker.Tag != "Marker")
        {
            throw marker.Error($"{marker.Describe()} is not supported in the MarkerSet: only <Marker> is.");
        }

        var name = UniqueName(marker, names, "marker");
        var ownerPath = OsimSocketPath.Child(markerSetPath, name);
        string body;
        if (_context.Version < MarkerSocketVersion && marker.Optional("body") is { } legacyBody)
        {
            body = ResolveBodyByName(legacyBody);
        }
        else
        {
            body = ResolveStationFrame(marker.Required("socket_parent_frame"), ownerPath, _bodyPaths, offsetFramePaths);
        }

        var location = marker.Vec3("location", Point3.Zero);
        _ = marker.Bool("fixed", false); // Only used when OpenSim scales a model.
        marker.RequireEmpty("components", "the managed engine models no subcomponents of markers");
        marker.EnsureAllRead();
        return new MarkerDescription(name, body, location);
    }

    private string ResolveBodyByName(OsimElement element)
    {
        var name = element.Text;
        return name == ModelDescription.Ground || _bodyElements.ContainsKey(name)
            ? name
            : throw element.Error($"there is no body named '{name}'.");
    }

    /// <summary>Resolves the frame socket of a station (marker, path point): it must name ground or a body.</summary>
    internal static string ResolveStationFrame(
        OsimElement socket, string ownerPath, IReadOnlyDictionary<string, string> bodyPaths, IReadOnlySet<string>? offsetFramePaths)
    {
        var text = socket.Text;
        var path = OsimSocketPath.Resolve(text, ownerPath);
        if (path is not null && bodyPaths.TryGetValue(path, out var body))
        {
            return body;
        }

        if (path is not null && offsetFramePaths is not null && offsetFramePaths.Contains(path))
        {
            throw socket.Error(
                $"\"{text}\" names an offset frame; the managed engine fixes markers and path points to bodies or ground only.");
        }

        throw socket.Error($"\"{text}\" names no body of the model (expected /ground or /bodyset/<body>).");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
