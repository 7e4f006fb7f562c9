using System.Globalization;
using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// Reads a model's <c>ForceSet</c>: <c>Thelen2003Muscle</c>s only, with every property of <c>Thelen2003Muscle</c>,
/// <c>Muscle</c>, <c>PathActuator</c>, <c>ScalarActuator</c> and <c>Force</c>, and their <c>GeometryPath</c>s; values are
/// checked as OpenSim 4.3 checks them when it loads the model.
/// </summary>
internal sealed class OsimMuscleParser
{
    /// <summary>The version from which <c>appliesForce</c> replaced <c>isDisabled</c>.</summary>
    private const int AppliesForceVersion = 30509;

    /// <summary>The version from which path points name their frame and coordinate with sockets.</summary>
    private const int PathPointSocketVersion = 30505;

    private readonly OsimReadContext _context;
    private readonly IReadOnlyDictionary<string, string> _bodyPaths;
    private readonly IReadOnlySet<string> _offsetFramePaths;
    private readonly IReadOnlyDictionary<string, string> _coordinatePaths;
    private readonly IReadOnlySet<string> _wrapObjectNames;

    public OsimMuscleParser(
        OsimReadContext context,
        IReadOnlyDictionary<string, string> bodyPaths,
        IReadOnlySet<string> offsetFramePaths,
        IReadOnlyDictionary<string, string> coordinatePaths,
        IReadOnlySet<string> wrapObjectNames)
    {
        _context = context;
        _bodyPaths = bodyPaths;
        _offsetFramePaths = offsetFramePaths;
        _coordinatePaths = coordinatePaths;
        _wrapObjectNames = wrapObjectNames;
    }

    /// <summary>Reads the forces of a ForceSet.</summary>
    public IReadOnlyList<MuscleDescription> Parse(IReadOnlyList<OsimElement> forces, string forceSetPath)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var muscles = new List<MuscleDescription>(forces.Count);
        foreach (var force in forces)
        {
            if (force.Tag != "Thelen2003Muscle")
            {
                throw force.Error(
                    $"force type {force.Tag} ('{force.Name}') is not supported: the managed engine models only Thelen2003Muscle forces.");
            }

            var name = OsimModelParser.UniqueName(force, names, "force");
            muscles.Add(ParseMuscle(force, name, OsimSocketPath.Child(forceSetPath, name)));
        }

        return muscles.AsReadOnly();
    }

    private MuscleDescription ParseMuscle(OsimElement muscle, string name, string musclePath)
    {
        // Force.
        var appliesForce = muscle.Bool("appliesForce", true);
        if (_context.Version < AppliesForceVersion && muscle.Optional("isDisabled") is { } isDisabled)
        {
            appliesForce = !isDisabled.AsBool();
        }

        // ScalarActuator and PathActuator: read and checked, but only OpenSim's control solvers (CMC, static
        // optimisation) use them; a forward simulation does not. Thelen2003Muscle sets min_control to its
        // minimum_activation when it is constructed, before the file is read.
        var minControlElement = muscle.Optional("min_control");
        var minControl = minControlElement?.AsDouble(allowInfinite: true) ?? 0.01;
        var maxControl = muscle.Double("max_control", 1.0, allowInfinite: true);
        _ = muscle.Double("optimal_force", 1.0);

        var geometryPath = muscle.Optional("GeometryPath")
            ?? throw muscle.Error($"muscle '{name}' has no <GeometryPath>; a path needs at least two points.");
        var path = ParseGeometryPath(geometryPath, name, musclePath);

        var defaults = new ThelenMuscleParameters();
        var parameters = new ThelenMuscleParameters
        {
            // Muscle.
            MaxIsometricForce = muscle.Double("max_isometric_force", defaults.MaxIsometricForce),
            OptimalFiberLength = muscle.Double("optimal_fiber_length", defaults.OptimalFiberLength),
            TendonSlackLength = muscle.Double("tendon_slack_length", defaults.TendonSlackLength),
            PennationAngleAtOptimal = muscle.Double("pennation_angle_at_optimal", defaults.PennationAngleAtOptimal),
            MaxContractionVelocity = muscle.Double("max_contraction_velocity", defaults.MaxContractionVelocity),
            IgnoreTendonCompliance = Flag(muscle, "ignore_tendon_compliance", name,
                "the managed engine models compliant tendons only"),
            IgnoreActivationDynamics = Flag(muscle, "ignore_activation_dynamics", name,
                "the managed engine models activation dynamics only"),

            // Thelen2003Muscle.
            FmaxTendonStrain = muscle.Double("FmaxTendonStrain", defaults.FmaxTendonStrain),
            FmaxMuscleStrain = muscle.Double("FmaxMuscleStrain", defaults.FmaxMuscleStrain),
            KshapeActive = muscle.Double("KshapeActive", defaults.KshapeActive),
            KshapePassive = muscle.Double("KshapePassive", defaults.KshapePassive),
            Af = muscle.Double("Af", defaults.Af),
            Flen = muscle.Double("Flen", defaults.Flen),
            FvLinearExtrapThreshold = muscle.Double("fv_linear_extrap_threshold", defaults.FvLinearExtrapThreshold),
            MaximumPennationAngle = muscle.Double("maximum_pennation_angle", defaults.MaximumPennationAngle),
            ActivationTimeConstant = muscle.Double("activation_time_constant", defaults.ActivationTimeConstant),
            DeactivationTimeConstant = muscle.Double("deactivation_time_constant", defaults.DeactivationTimeConstant),
            MinimumActivation = muscle.Double("minimum_activation", defaults.MinimumActivation),
        };

        muscle.RequireEmpty("components", "the managed engine models no subcomponents of muscles");
        muscle.EnsureAllRead();
        Check(muscle, name, parameters, minControl, maxControl, minControlElement);
        return new MuscleDescription(name, path, parameters, appliesForce);
    }

    private static bool Flag(OsimElement muscle, string tag, string name, string why)
    {
        var element = muscle.Optional(tag);
        if (element is not null && element.AsBool())
        {
            throw element.Error($"muscle '{name}' has {tag} = true, which is not supported: {why}.");
        }

        return false;
    }

    /// <summary>The checks OpenSim 4.3 makes when it loads a Thelen2003Muscle (Thelen2003Muscle,
    /// MuscleFixedWidthPennationModel and MuscleFirstOrderActivationDynamicModel <c>extendFinalizeFromProperties</c>), plus
    /// the positive lengths, force and speed the muscle equations divide by.</summary>
    private static void Check(
        OsimElement muscle, string name, ThelenMuscleParameters p, double minControl, double maxControl, OsimElement? minControlElement)
    {
        var significant = OsimLimits.SignificantReal;
        Require(muscle, "max_isometric_force", p.MaxIsometricForce >= 0, name, "cannot be negative");
        Require(muscle, "optimal_fiber_length", p.OptimalFiberLength > 0, name, "must be greater than zero");
        Require(muscle, "tendon_slack_length", p.TendonSlackLength > 0, name, "must be greater than zero");
        Require(muscle, "max_contraction_velocity", p.MaxContractionVelocity > 0, name, "must be greater than zero");
        Require(muscle, "pennation_angle_at_optimal",
            p.PennationAngleAtOptimal >= 0 && p.PennationAngleAtOptimal <= (Math.PI / 2) - significant, name, "must be in the range [0, Pi/2)");
        Require(muscle, "maximum_pennation_angle",
            p.MaximumPennationAngle >= 0 && p.MaximumPennationAngle <= Math.PI / 2, name, "must be in the range [0, Pi/2]");
        Require(muscle, "FmaxTendonStrain", p.FmaxTendonStrain > 0, name, "must be greater than zero");
        Require(muscle, "FmaxMuscleStrain", p.FmaxMuscleStrain > 0, name, "must be greater than zero");
        Require(muscle, "KshapeActive", p.KshapeActive > 0, name, "must be greater than zero");
        Require(muscle, "KshapePassive", p.KshapePassive > 0, name, "must be greater than zero");
        Require(muscle, "Af", p.Af > 0, name, "must be greater than zero");
        Require(muscle, "Flen", p.Flen > 1.0, name, "must be greater than 1.0");
        Require(muscle, "fv_linear_extrap_threshold", p.FvLinearExtrapThreshold > 1.0 / p.Flen, name, "must be greater than 1.0/Flen");
        Require(muscle, "activation_time_constant", p.ActivationTimeConstant >= significant, name, "must be greater than zero");
        Require(muscle, "deactivation_time_constant", p.DeactivationTimeConstant >= significant, name, "must be greater than zero");
        Require(muscle, "minimum_activation", p.MinimumActivation >= 0.01, name, "cannot be less than 0.01");
        Require(muscle, "minimum_activation", p.MinimumActivation <= 1.0 - significant, name, "must be in the range [0, 1)");
        if (minControl < p.MinimumActivation)
        {
            throw (minControlElement ?? muscle).Error(
                $"min_control ({Format(minControl)}) of muscle '{name}' cannot be less than its minimum_activation ({Format(p.MinimumActivation)}).");
        }

        if (maxControl < minControl)
        {
            throw muscle.Error($"max_control ({Format(maxControl)}) of muscle '{name}' is below its min_control ({Format(minControl)}).");
        }
    }

    private static void Require(OsimElement muscle, string tag, bool valid, string name, string rule)
    {
        if (!valid)
        {
            throw muscle.ChildOrSelf(tag).Error($"{tag} of muscle '{name}' {rule} (OpenSim rejects it too).");
        }
    }

    private GeometryPathDescription ParseGeometryPath(OsimElement geometryPath, string muscle, string musclePath)
    {
        var pathName = geometryPath.Name.Length > 0 ? geometryPath.Name : "geometrypath";
        var geometryPathPath = OsimSocketPath.Child(musclePath, pathName);
        geometryPath.Ignore("Appearance");
        geometryPath.RequireEmpty("components", "the managed engine models no subcomponents of paths");

        var points = new List<PathPointDescription>();
        if (geometryPath.Optional("PathPointSet") is { } pointSet)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var elements = OsimModelParser.Objects(pointSet);
            for (var i = 0; i < elements.Count; i++)
            {
                points.Add(ParsePathPoint(elements[i], muscle, i, geometryPathPath, names));
            }
        }

        if (points.Count < 2)
        {
            throw geometryPath.Error($"the path of muscle '{muscle}' has {points.Count} path point(s); OpenSim needs at least two.");
        }

        var wraps = new List<PathWrapDescription>();
        if (geometryPath.Optional("PathWrapSet") is { } wrapSet)
        {
            var elements = OsimModelParser.Objects(wrapSet);
            for (var i = 0; i < elements.Count; i++)
            {
                wraps.Add(ParsePathWrap(elements[i], muscle, i, points.Count));
            }
        }

        geometryPath.EnsureAllRead();
        return new GeometryPathDescription(points.AsReadOnly(), wraps.AsReadOnly());
    }

    private PathPointDescription ParsePathPoint(OsimElement point, string muscle, int index, string geometryPathPath, HashSet<string> names)
    {
        if (point.Tag == "MovingPathPoint")
        {
            throw point.Error(
                $"MovingPathPoint '{point.Name}' of muscle '{muscle}' is not supported: the managed engine models fixed and conditional path points only.");
        }

        if (point.Tag is not ("PathPoint" or "ConditionalPathPoint"))
        {
            throw point.Error(
                $"path point type {point.Tag} ('{point.Name}') of muscle '{muscle}' is not supported: the managed engine models PathPoint and ConditionalPathPoint.");
        }

        // OpenSim names unnamed points after the muscle and their 1-based position (GeometryPath::namePathPoints).
        var name = point.Name.Length > 0 ? point.Name : string.Create(CultureInfo.InvariantCulture, $"{muscle}-P{index + 1}");
        if (!names.Add(name))
        {
            throw point.Error($"muscle '{muscle}' has two path points named '{name}'.");
        }

        var pointPath = OsimSocketPath.Child(geometryPathPath, name);
        var legacy = _context.Version < PathPointSocketVersion;
        string body;
        if (legacy && point.Optional("body") is { } legacyBody)
        {
            var bodyName = legacyBody.Text;
            body = bodyName == ModelDescription.Ground || _bodyPaths.Values.Contains(bodyName)
                ? bodyName
                : throw legacyBody.Error($"there is no body named '{bodyName}'.");
        }
        else
        {
            body = OsimModelParser.ResolveStationFrame(point.Required("socket_parent_frame"), pointPath, _bodyPaths, _offsetFramePaths);
        }

        var location = point.Vec3("location", Point3.Zero);
        string? coordinate = null;
        double rangeMin = 0, rangeMax = 0;
        if (point.Tag == "ConditionalPathPoint")
        {
            var range = point.Optional("range")?.AsDoubles(2, allowInfinite: true) ?? [0.0, 0.0];
            (rangeMin, rangeMax) = (range[0], range[1]);
            if (legacy && point.Optional("coordinate") is { } legacyCoordinate)
            {
                var coordinateName = legacyCoordinate.Text;
                coordinate = _coordinatePaths.Values.Contains(coordinateName)
                    ? coordinateName
                    : throw legacyCoordinate.Error($"there is no coordinate named '{coordinateName}'.");
            }
            else
            {
                var socket = point.Optional("socket_coordinate")
                    ?? throw point.Error($"ConditionalPathPoint '{name}' of muscle '{muscle}' has no <socket_coordinate>.");
                var coordinatePath = OsimSocketPath.Resolve(socket.Text, pointPath);
                coordinate = coordinatePath is not null && _coordinatePaths.TryGetValue(coordinatePath, out var found)
                    ? found
                    : throw socket.Error($"\"{socket.Text}\" names no coordinate of the model (expected /jointset/<joint>/<coordinate>).");
            }
        }

        point.RequireEmpty("components", "the managed engine models no subcomponents of path points");
        point.EnsureAllRead();
        return new PathPointDescription(name, body, location, coordinate, rangeMin, rangeMax);
    }

    private PathWrapDescription ParsePathWrap(OsimElement wrap, string muscle, int index, int pointCount)
    {
        if (wrap.Tag != "PathWrap")
        {
            throw wrap.Error($"{wrap.Describe()} is not supported in the PathWrapSet of muscle '{muscle}': only <PathWrap> is.");
        }

        // OpenSim names unnamed wraps pathwrap_<index> (GeometryPath::extendFinalizeFromProperties).
        var name = wrap.Name.Length > 0 ? wrap.Name : string.Create(CultureInfo.InvariantCulture, $"pathwrap_{index}");
        var objectElement = wrap.Optional("wrap_object");
        var wrapObject = objectElement?.Text ?? string.Empty;
        if (!_wrapObjectNames.Contains(wrapObject))
        {
            throw (objectElement ?? wrap).Error($"path wrap '{name}' of muscle '{muscle}' names no wrap object of the model ('{wrapObject}').");
        }

        var methodElement = wrap.Optional("method");
        if (!OsimModelReader.TryParseWrapMethod(methodElement?.Text, out var method))
        {
            throw methodElement!.Error($"wrap method \"{methodElement.Text}\" is not valid: use hybrid, midpoint or axial.");
        }

        var rangeElement = wrap.Optional("range");
        var range = rangeElement?.AsInts(2) ?? [-1, -1];

        // OpenSim takes any value below 1 as "from the first point" or "to the last point".
        var start = range[0] < 1 ? -1 : range[0];
        var end = range[1] < 1 ? -1 : range[1];
        if (start > pointCount || end > pointCount || (start > 0 && end > 0 && start > end))
        {
            throw rangeElement!.Error(
                $"the range {range[0]} {range[1]} of path wrap '{name}' of muscle '{muscle}' does not fit its {pointCount} path points (1-based, start before end).");
        }

        wrap.RequireEmpty("components", "the managed engine models no subcomponents of path wraps");
        wrap.EnsureAllRead();
        return new PathWrapDescription(name, wrapObject, method, start, end);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
