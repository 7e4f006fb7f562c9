using System.Collections.Immutable;
using System.Globalization;
using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// Reads a model's <c>JointSet</c>: <c>WeldJoint</c>, <c>PinJoint</c> and single-rotation <c>CustomJoint</c>s, their
/// <c>PhysicalOffsetFrame</c>s and coordinates, and checks that they form one serial chain from ground.
/// </summary>
internal static class OsimJointParser
{
    private static readonly ImmutableArray<string> AxisNames = ["rotation1", "rotation2", "rotation3", "translation1", "translation2", "translation3"];

    /// <summary>Reads the joints.</summary>
    /// <param name="jointElements">The JointSet's objects.</param>
    /// <param name="jointSetPath">The JointSet's absolute path (<c>/jointset</c>).</param>
    /// <param name="bodyPaths">Body (and ground) names by absolute path.</param>
    /// <param name="bodyNames">Body names in file order.</param>
    /// <param name="bodyElements">Body elements by name.</param>
    public static OsimJointSet Parse(
        IReadOnlyList<OsimElement> jointElements,
        string jointSetPath,
        IReadOnlyDictionary<string, string> bodyPaths,
        IReadOnlyList<string> bodyNames,
        IReadOnlyDictionary<string, OsimElement> bodyElements)
    {
        var jointNames = new HashSet<string>(StringComparer.Ordinal);
        var coordinateNames = new HashSet<string>(StringComparer.Ordinal);
        var coordinatePaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var offsetFrames = new Dictionary<string, OsimOffsetFrame>(StringComparer.Ordinal);
        var pending = new List<OsimPendingJoint>();

        // First pass: every joint's own content and frames (a joint may use a frame another joint owns).
        foreach (var element in jointElements)
        {
            if (element.Tag is not ("WeldJoint" or "PinJoint" or "CustomJoint"))
            {
                throw element.Error(
                    $"joint type {element.Tag} ('{element.Name}') is not supported: the managed engine models WeldJoint, PinJoint and CustomJoint with one rotation.");
            }

            var name = OsimModelParser.UniqueName(element, jointNames, "joint");
            var jointPath = OsimSocketPath.Child(jointSetPath, name);
            var parentSocket = element.Required("socket_parent_frame");
            var childSocket = element.Required("socket_child_frame");

            if (element.Optional("frames") is { } frames)
            {
                var frameNames = new HashSet<string>(StringComparer.Ordinal);
                foreach (var frame in frames.ReadAllChildren())
                {
                    var offsetFrame = ParseOffsetFrame(frame, jointPath, frameNames);
                    offsetFrames[offsetFrame.Path] = offsetFrame;
                }
            }

            var coordinates = new List<CoordinateDescription>();
            if (element.Optional("coordinates") is { } coordinateList)
            {
                foreach (var coordinate in coordinateList.ReadAllChildren())
                {
                    var description = ParseCoordinate(coordinate, coordinateNames);
                    coordinates.Add(description);
                    coordinatePaths[OsimSocketPath.Child(jointPath, description.Name)] = description.Name;
                }
            }

            var (kind, axis) = element.Tag switch
            {
                "WeldJoint" => ParseWeld(element, coordinates),
                "PinJoint" => ParsePin(element, coordinates),
                _ => ParseCustom(element, coordinates),
            };

            element.RequireEmpty("components", "the managed engine models no subcomponents of joints");
            element.EnsureAllRead();
            pending.Add(new OsimPendingJoint(element, name, jointPath, kind, parentSocket, childSocket, coordinates.FirstOrDefault(), axis));
        }

        // Offset frames must sit on a body or ground.
        foreach (var frame in offsetFrames.Values)
        {
            var parentPath = OsimSocketPath.Resolve(frame.Socket.Text, frame.Path);
            if (parentPath is not null && bodyPaths.TryGetValue(parentPath, out var body))
            {
                frame.Body = body;
            }
            else if (parentPath is not null && offsetFrames.ContainsKey(parentPath))
            {
                throw frame.Socket.Error(
                    $"offset frame '{frame.Element.Name}' is attached to another offset frame (\"{frame.Socket.Text}\"): the managed engine supports offset frames on a body or ground only.");
            }
            else
            {
                throw frame.Socket.Error($"\"{frame.Socket.Text}\" names no body of the model (expected /ground or /bodyset/<body>).");
            }
        }

        var joints = new List<(JointDescription Joint, OsimPendingJoint Source)>();
        foreach (var joint in pending)
        {
            var parent = ResolveJointFrame(joint.ParentSocket, joint.Path, bodyPaths, offsetFrames);
            var child = ResolveJointFrame(joint.ChildSocket, joint.Path, bodyPaths, offsetFrames);
            if (child.Body == ModelDescription.Ground)
            {
                throw joint.ChildSocket.Error($"the child frame of joint '{joint.Name}' is on ground; ground can only be a parent.");
            }

            if (child.Body == parent.Body)
            {
                throw joint.ChildSocket.Error($"joint '{joint.Name}' connects body '{child.Body}' to itself.");
            }

            joints.Add((new JointDescription(joint.Name, joint.Kind, parent, child, joint.Coordinate, joint.Axis), joint));
        }

        var ordered = OrderChain(joints, bodyNames, bodyElements);
        return new OsimJointSet(ordered.AsReadOnly(), offsetFrames.Keys.ToHashSet(StringComparer.Ordinal), coordinatePaths);
    }

    private static List<JointDescription> OrderChain(
        List<(JointDescription Joint, OsimPendingJoint Source)> joints,
        IReadOnlyList<string> bodyNames,
        IReadOnlyDictionary<string, OsimElement> bodyElements)
    {
        var byChild = new Dictionary<string, (JointDescription Joint, OsimPendingJoint Source)>(StringComparer.Ordinal);
        var byParent = new Dictionary<string, (JointDescription Joint, OsimPendingJoint Source)>(StringComparer.Ordinal);
        foreach (var entry in joints)
        {
            var (joint, source) = entry;
            if (byChild.TryGetValue(joint.Child.Body, out var other))
            {
                throw source.Element.Error(
                    $"body '{joint.Child.Body}' is the child of joints '{other.Joint.Name}' and '{joint.Name}': a closed loop, which the managed engine does not model.");
            }

            if (byParent.TryGetValue(joint.Parent.Body, out other))
            {
                throw source.Element.Error(
                    $"'{joint.Parent.Body}' is the parent of joints '{other.Joint.Name}' and '{joint.Name}': the managed engine models one serial chain from ground, without branches.");
            }

            byChild[joint.Child.Body] = entry;
            byParent[joint.Parent.Body] = entry;
        }

        foreach (var body in bodyNames)
        {
            if (!byChild.ContainsKey(body))
            {
                throw bodyElements[body].Error(
                    $"body '{body}' is not connected to the model by any joint: every body must be the child of one joint in a serial chain from ground.");
            }
        }

        var ordered = new List<JointDescription>(joints.Count);
        var current = ModelDescription.Ground;
        while (byParent.TryGetValue(current, out var next))
        {
            ordered.Add(next.Joint);
            current = next.Joint.Child.Body;
            if (ordered.Count > joints.Count)
            {
                break;
            }
        }

        if (ordered.Count != joints.Count)
        {
            var stray = joints.First(j => !ordered.Contains(j.Joint));
            throw stray.Source.Element.Error(
                $"joint '{stray.Joint.Name}' is not on a serial chain from ground (its parent '{stray.Joint.Parent.Body}' is not reached from ground).");
        }

        return ordered;
    }

    private static Frame ResolveJointFrame(
        OsimElement socket, string jointPath, IReadOnlyDictionary<string, string> bodyPaths, Dictionary<string, OsimOffsetFrame> offsetFrames)
    {
        var text = socket.Text;
        var path = OsimSocketPath.Resolve(text, jointPath);
        if (path is not null && bodyPaths.TryGetValue(path, out var body))
        {
            return new Frame(body, Point3.Zero, Point3.Zero);
        }

        if (path is not null && offsetFrames.TryGetValue(path, out var frame))
        {
            return new Frame(frame.Body!, frame.Translation, frame.Orientation);
        }

        throw socket.Error(
            $"\"{text}\" names no frame of the model (expected one of the joint's <frames>, /ground or /bodyset/<body>).");
    }

    private static OsimOffsetFrame ParseOffsetFrame(OsimElement frame, string jointPath, HashSet<string> names)
    {
        if (frame.Tag != "PhysicalOffsetFrame")
        {
            throw frame.Error($"{frame.Describe()} is not supported in a joint's <frames>: only <PhysicalOffsetFrame> is.");
        }

        OsimModelParser.UniqueName(frame, names, "frame of this joint");
        var socket = frame.Required("socket_parent");
        var translation = frame.Vec3("translation", Point3.Zero);
        var orientation = frame.Vec3("orientation", Point3.Zero);
        frame.Ignore("FrameGeometry", "frame_geometry", "attached_geometry");
        if (frame.Optional("WrapObjectSet") is { } wrapObjects)
        {
            var first = OsimModelParser.Objects(wrapObjects).FirstOrDefault();
            if (first is not null)
            {
                throw first.Error(
                    $"{first.Describe()} on offset frame '{frame.Name}' is not supported: the managed engine fixes wrap objects to bodies or ground.");
            }
        }

        frame.RequireEmpty("components", "the managed engine models no subcomponents of frames");
        frame.EnsureAllRead();
        return new OsimOffsetFrame(frame, OsimSocketPath.Child(jointPath, frame.Name), socket, translation, orientation);
    }

    private static CoordinateDescription ParseCoordinate(OsimElement coordinate, HashSet<string> names)
    {
        if (coordinate.Tag != "Coordinate")
        {
            throw coordinate.Error($"{coordinate.Describe()} is not supported in a joint's <coordinates>: only <Coordinate> is.");
        }

        var name = OsimModelParser.UniqueName(coordinate, names, "coordinate");
        var defaultValue = coordinate.Double("default_value", 0.0);
        var defaultSpeed = coordinate.Double("default_speed_value", 0.0);
        var rangeElement = coordinate.Optional("range");
        var range = rangeElement?.AsDoubles(2, allowInfinite: true) ?? [-10.0, 10.0];
        var clampedElement = coordinate.Optional("clamped");
        var clamped = clampedElement?.AsBool() ?? false;
        if (coordinate.Optional("locked") is { } lockedElement && lockedElement.AsBool())
        {
            throw lockedElement.Error(
                $"coordinate '{name}' is locked: the managed engine models no constraints, so locked coordinates are not supported.");
        }

        var function = coordinate.Optional("prescribed_function");
        var hasFunction = function is not null && function.Element.HasElements;
        if (coordinate.Optional("prescribed") is { } prescribedElement && prescribedElement.AsBool() && hasFunction)
        {
            throw prescribedElement.Error(
                $"coordinate '{name}' is prescribed by a function: the managed engine does not model prescribed motion.");
        }

        // Without a function OpenSim turns 'prescribed' off; with prescribed off the function is never used.
        // Only OpenSim's constraint assembly reads this flag, and the engine has no constraints.
        _ = coordinate.Bool("is_free_to_satisfy_constraints", false);
        coordinate.RequireEmpty("components", "the managed engine models no subcomponents of coordinates");
        coordinate.EnsureAllRead();

        if (clamped)
        {
            // As OpenSim's Coordinate::extendFinalizeFromProperties.
            if (range[0] > range[1])
            {
                throw rangeElement!.Error($"the range of clamped coordinate '{name}' has its maximum below its minimum.");
            }

            if (!(defaultValue > range[0] - OsimLimits.SqrtEps) || !(defaultValue < range[1] + OsimLimits.SqrtEps))
            {
                throw coordinate.Error(
                    $"the default value {Format(defaultValue)} of clamped coordinate '{name}' is outside its range [{Format(range[0])}, {Format(range[1])}].");
            }
        }

        return new CoordinateDescription(name, defaultValue, defaultSpeed, range[0], range[1], clamped, false);
    }

    private static (JointKind Kind, Point3 Axis) ParseWeld(OsimElement joint, List<CoordinateDescription> coordinates)
    {
        if (coordinates.Count != 0)
        {
            throw joint.Error($"WeldJoint '{joint.Name}' lists coordinates; a weld has none.");
        }

        return (JointKind.Weld, Point3.Zero);
    }

    private static (JointKind Kind, Point3 Axis) ParsePin(OsimElement joint, List<CoordinateDescription> coordinates)
    {
        if (coordinates.Count != 1)
        {
            throw joint.Error(
                $"PinJoint '{joint.Name}' lists {coordinates.Count} coordinates; the reader needs exactly its one coordinate written out.");
        }

        return (JointKind.Pin, new Point3(0, 0, 1));
    }

    private static (JointKind Kind, Point3 Axis) ParseCustom(OsimElement joint, List<CoordinateDescription> coordinates)
    {
        if (coordinates.Count != 1)
        {
            throw joint.Error(
                $"CustomJoint '{joint.Name}' has {coordinates.Count} coordinates: the managed engine models custom joints with exactly one coordinate driving one rotation.");
        }

        var coordinate = coordinates[0].Name;
        var transform = joint.Optional("SpatialTransform")
            ?? throw joint.Error($"CustomJoint '{joint.Name}' has no <SpatialTransform>.");
        var axes = new OsimTransformAxis?[AxisNames.Length];
        foreach (var element in transform.ReadAllChildren())
        {
            var index = AxisNames.IndexOf(element.Name);
            if (element.Tag != "TransformAxis" || index < 0)
            {
                throw element.Error(
                    $"{element.Describe()} is not supported in the SpatialTransform of CustomJoint '{joint.Name}': expected <TransformAxis> named rotation1-3 or translation1-3.");
            }

            if (axes[index] is not null)
            {
                throw element.Error($"transform axis {element.Name} of CustomJoint '{joint.Name}' appears more than once.");
            }

            axes[index] = ParseTransformAxis(element, joint.Name);
        }

        transform.EnsureAllRead();

        // Absent axes take OpenSim's TransformAxis defaults: axis x, Constant 0, no coordinates.
        var all = axes.Select(a => a ?? new OsimTransformAxis(null, [], new Point3(1, 0, 0), null, 0, null, null)).ToArray();

        // OpenSim rejects collinear axes among the rotations and among the translations (CustomJoint.cpp).
        for (var start = 0; start <= 3; start += 3)
        {
            var (a, b, c) = (all[start].Axis, all[start + 1].Axis, all[start + 2].Axis);
            if (a.Cross(b).Length < 1e-5 || a.Cross(c).Length < 1e-5 || b.Cross(c).Length < 1e-5)
            {
                throw transform.Error(
                    $"CustomJoint '{joint.Name}' has collinear {(start == 0 ? "rotation" : "translation")} axes; OpenSim rejects them too.");
            }
        }

        int? driven = null;
        for (var i = 0; i < all.Length; i++)
        {
            var axis = all[i];
            var where = $"transform axis {AxisNames[i]} of CustomJoint '{joint.Name}'";
            var element = axis.Element ?? transform;
            if (axis.Slope is not null)
            {
                if (i >= 3)
                {
                    throw (axis.CoordinatesElement ?? element).Error($"{where} is a coordinate-driven translation: the managed engine models one rotation only.");
                }

                if (axis.Coordinates.Length != 1 || axis.Coordinates[0] != coordinate)
                {
                    throw (axis.CoordinatesElement ?? element).Error(
                        $"{where} has a LinearFunction of coordinates \"{string.Join(' ', axis.Coordinates)}\"; it must be driven by the joint's coordinate '{coordinate}' alone.");
                }

                if (axis.Slope != 1.0 || axis.Intercept != 0.0)
                {
                    throw (axis.ValuesElement ?? element).Error(
                        $"{where} has LinearFunction coefficients {Format(axis.Slope.Value)} {Format(axis.Intercept)}: only \"1 0\" (the coordinate is the angle) is supported.");
                }

                if (driven is not null)
                {
                    throw element.Error(
                        $"{where} is a second coordinate-driven rotation (after {AxisNames[driven.Value]}): the managed engine models one rotation only.");
                }

                driven = i;
            }
            else
            {
                if (axis.Coordinates.Length != 0)
                {
                    throw (axis.CoordinatesElement ?? element).Error(
                        $"{where} lists coordinates \"{string.Join(' ', axis.Coordinates)}\" with a Constant function: not supported (only the one rotation may name a coordinate).");
                }

                if (axis.Intercept != 0.0)
                {
                    throw (axis.ValuesElement ?? element).Error(
                        $"{where} is a Constant {Format(axis.Intercept)}: constant offsets are not supported (only Constant 0); move them into the joint's frames.");
                }
            }
        }

        if (driven is null)
        {
            throw transform.Error(
                $"no rotation of CustomJoint '{joint.Name}' is driven by its coordinate '{coordinate}' (expected one TransformAxis with a LinearFunction \"1 0\").");
        }

        var drivenAxis = all[driven.Value].Axis;
        if (drivenAxis.Length == 0)
        {
            throw (all[driven.Value].Element ?? transform).Error($"the rotation axis of CustomJoint '{joint.Name}' is zero.");
        }

        // Simbody normalises the axes of a function-based mobilizer.
        return (JointKind.Custom, drivenAxis.Normalized());
    }

    private static OsimTransformAxis ParseTransformAxis(OsimElement element, string joint)
    {
        var coordinatesElement = element.Optional("coordinates");
        var coordinates = coordinatesElement?.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];
        var axis = element.Vec3("axis", new Point3(1, 0, 0));
        var functions = element.Children().Where(c => c.Tag is not ("coordinates" or "axis")).ToList();
        if (functions.Count > 1)
        {
            throw functions[1].Error($"transform axis {element.Name} of CustomJoint '{joint}' has more than one function.");
        }

        double? slope = null;
        var intercept = 0.0;
        OsimElement? valuesElement = null;
        if (functions.Count == 1)
        {
            var function = element.Optional(functions[0].Tag)!;
            switch (function.Tag)
            {
                case "LinearFunction":
                {
                    valuesElement = function.Required("coefficients");
                    var coefficients = valuesElement.AsDoubles(2);
                    (slope, intercept) = (coefficients[0], coefficients[1]);
                    break;
                }

                case "Constant":
                    valuesElement = function.Optional("value");
                    intercept = valuesElement?.AsDouble() ?? 0.0;
                    valuesElement ??= function;
                    break;

                default:
                    throw function.Error(
                        $"transform axis {element.Name} of CustomJoint '{joint}' uses a {function.Tag}: not supported (the managed engine models LinearFunction \"1 0\" for the one rotation and Constant 0 for the other axes).");
            }

            function.EnsureAllRead();
        }

        element.EnsureAllRead();
        return new OsimTransformAxis(element, coordinates, axis, slope, intercept, coordinatesElement, valuesElement);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
