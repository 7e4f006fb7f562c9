using System.Globalization;
using System.Xml.Linq;
using ArmRnn.Geometry;
using ArmRnn.OpenSim.Engine;
using ArmRnn.OpenSim.Engine.Paths;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Paths;

/// <summary>
/// Arm26's kinematics, muscle paths and wrap objects read straight from <c>arm26.osim</c> with System.Xml.Linq — a
/// test helper only (the real model loader and multibody engine live elsewhere). Joints: ground → weld → base →
/// <c>r_shoulder</c> (one rotation) → r_humerus → <c>r_elbow</c> (one rotation) → r_ulna_radius_hand. Each child pose
/// is parent pose ∘ parent offset ∘ rotation(axis in the parent offset frame, q) ∘ inverse(child offset).
/// </summary>
internal sealed class Arm26TestKinematics
{
    private readonly List<Arm26TestJoint> _joints;

    private Arm26TestKinematics(List<Arm26TestJoint> joints, List<WrapObjectDescription> wrapObjects, List<(string Name, GeometryPathDescription Path)> muscles, Dictionary<string, (string Body, Point3 Location)> markers)
    {
        _joints = joints;
        WrapObjects = wrapObjects;
        Muscles = muscles;
        Markers = markers;
    }

    public IReadOnlyList<WrapObjectDescription> WrapObjects { get; }

    public IReadOnlyList<(string Name, GeometryPathDescription Path)> Muscles { get; }

    public IReadOnlyDictionary<string, (string Body, Point3 Location)> Markers { get; }

    public static Arm26TestKinematics Load(string path)
    {
        var document = XDocument.Load(path);
        var model = document.Root!.Element("Model")!;

        var joints = new List<Arm26TestJoint>();
        foreach (var joint in model.Element("JointSet")!.Element("objects")!.Elements())
        {
            var frames = joint.Element("frames")!.Elements("PhysicalOffsetFrame").ToDictionary(
                f => (string)f.Attribute("name")!,
                f => (Body: BodyName((string)f.Element("socket_parent")!), Pose: Pose.FromTranslationAndXyz(Vector(f.Element("translation")!), Vector(f.Element("orientation")!))));
            var parent = frames[(string)joint.Element("socket_parent_frame")!];
            var child = frames[(string)joint.Element("socket_child_frame")!];
            string? coordinate = null;
            var axis = Point3.Zero;
            if (joint.Name.LocalName == "CustomJoint")
            {
                var rotation1 = joint.Element("SpatialTransform")!.Elements("TransformAxis").Single(a => (string)a.Attribute("name")! == "rotation1");
                coordinate = ((string)rotation1.Element("coordinates")!).Trim();
                axis = Vector(rotation1.Element("axis")!).Normalized();
            }

            joints.Add(new Arm26TestJoint((string)joint.Attribute("name")!, parent.Body, parent.Pose, child.Body, child.Pose, axis, coordinate));
        }

        var wrapObjects = new List<WrapObjectDescription>();
        var bodies = model.Element("BodySet")!.Element("objects")!.Elements("Body").Select(b => ((string)b.Attribute("name")!, b))
            .Prepend((ModelDescription.Ground, model.Element("Ground")!));
        foreach (var (bodyName, body) in bodies)
        {
            var set = body.Element("WrapObjectSet")?.Element("objects");
            if (set is null)
            {
                continue;
            }

            foreach (var w in set.Elements())
            {
                var name = (string)w.Attribute("name")!;
                var active = ((string?)w.Element("active") ?? "true").Trim() == "true";
                var rotation = Vector(w.Element("xyz_body_rotation")!);
                var translation = Vector(w.Element("translation")!);
                var quadrant = Quadrant(((string?)w.Element("quadrant") ?? "all").Trim());
                wrapObjects.Add(w.Name.LocalName switch
                {
                    "WrapCylinder" => new WrapCylinderDescription(name, bodyName, active, rotation, translation, quadrant, Scalar(w.Element("radius")!), Scalar(w.Element("length")!)),
                    "WrapEllipsoid" => new WrapEllipsoidDescription(name, bodyName, active, rotation, translation, quadrant, Vector(w.Element("dimensions")!)),
                    "WrapSphere" => new WrapSphereDescription(name, bodyName, active, rotation, translation, quadrant, Scalar(w.Element("radius")!)),
                    _ => throw new NotSupportedException(w.Name.LocalName),
                });
            }
        }

        var muscles = new List<(string, GeometryPathDescription)>();
        foreach (var muscle in model.Element("ForceSet")!.Element("objects")!.Elements())
        {
            var geometryPath = muscle.Element("GeometryPath")!;
            var points = new List<PathPointDescription>();
            foreach (var p in geometryPath.Element("PathPointSet")!.Element("objects")!.Elements())
            {
                var name = (string)p.Attribute("name")!;
                var frame = BodyName((string)p.Element("socket_parent_frame")!);
                var location = Vector(p.Element("location")!);
                points.Add(p.Name.LocalName switch
                {
                    "PathPoint" => new PathPointDescription(name, frame, location),
                    "ConditionalPathPoint" => ConditionalPoint(p, name, frame, location),
                    _ => throw new NotSupportedException(p.Name.LocalName),
                });
            }

            var wraps = new List<PathWrapDescription>();
            foreach (var w in geometryPath.Element("PathWrapSet")!.Element("objects")!.Elements("PathWrap"))
            {
                var range = Numbers(w.Element("range")!);
                var method = ((string)w.Element("method")!).Trim().ToUpperInvariant() switch
                {
                    "MIDPOINT" => WrapMethod.Midpoint,
                    "AXIAL" => WrapMethod.Axial,
                    _ => WrapMethod.Hybrid,
                };
                wraps.Add(new PathWrapDescription((string)w.Attribute("name")!, ((string)w.Element("wrap_object")!).Trim(), method, (int)range[0], (int)range[1]));
            }

            muscles.Add(((string)muscle.Attribute("name")!, new GeometryPathDescription(points, wraps)));
        }

        var markers = model.Element("MarkerSet")!.Element("objects")!.Elements("Marker").ToDictionary(
            m => (string)m.Attribute("name")!,
            m => (BodyName((string)m.Element("socket_parent_frame")!), Vector(m.Element("location")!)));
        return new Arm26TestKinematics(joints, wrapObjects, muscles, markers);
    }

    /// <summary>Body poses and velocities for the given joint angles and speeds (keyed by coordinate name).</summary>
    public Arm26BodyState Evaluate(IReadOnlyDictionary<string, double> q, IReadOnlyDictionary<string, double>? u = null)
    {
        var state = new Arm26BodyState();
        Evaluate(q, u, state);
        return state;
    }

    public void Evaluate(IReadOnlyDictionary<string, double> q, IReadOnlyDictionary<string, double>? u, Arm26BodyState state)
    {
        var poses = new Dictionary<string, Pose>(StringComparer.Ordinal) { [ModelDescription.Ground] = Pose.Identity };
        var velocities = new Dictionary<string, BodyVelocity>(StringComparer.Ordinal) { [ModelDescription.Ground] = BodyVelocity.Zero };
        state.Set(ModelDescription.Ground, Pose.Identity, BodyVelocity.Zero);
        foreach (var joint in _joints)
        {
            var parentPose = poses[joint.ParentBody];
            var parentVelocity = velocities[joint.ParentBody];
            var jointFrame = parentPose.Compose(joint.ParentOffset);
            var angle = joint.Coordinate is null ? 0.0 : q[joint.Coordinate];
            var rotated = jointFrame.Compose(new Pose(Rotation3.AboutAxis(joint.Axis, angle), Point3.Zero));
            var pose = rotated.Compose(joint.ChildOffset.Inverse());
            var speed = joint.Coordinate is null || u is null ? 0.0 : u[joint.Coordinate];
            var omega = parentVelocity.Angular + ((jointFrame.Rotation * joint.Axis) * speed);
            var jointPointVelocity = parentVelocity.PointVelocity(jointFrame.Origin - parentPose.Origin);
            var velocity = new BodyVelocity(omega, jointPointVelocity + omega.Cross(pose.Origin - jointFrame.Origin));
            poses[joint.ChildBody] = pose;
            velocities[joint.ChildBody] = velocity;
            state.Set(joint.ChildBody, pose, velocity);
        }
    }

    private static PathPointDescription ConditionalPoint(XElement p, string name, string body, Point3 location)
    {
        var range = Numbers(p.Element("range")!);
        var coordinate = ((string)p.Element("socket_coordinate")!).Trim();
        return new PathPointDescription(name, body, location, coordinate[(coordinate.LastIndexOf('/') + 1)..], range[0], range[1]);
    }

    private static string BodyName(string socket)
    {
        var name = socket.Trim();
        return name[(name.LastIndexOf('/') + 1)..];
    }

    private static WrapQuadrant Quadrant(string text) => text.ToUpperInvariant() switch
    {
        "X" or "+X" => new WrapQuadrant(0, 1),
        "-X" => new WrapQuadrant(0, -1),
        "Y" or "+Y" => new WrapQuadrant(1, 1),
        "-Y" => new WrapQuadrant(1, -1),
        "Z" or "+Z" => new WrapQuadrant(2, 1),
        "-Z" => new WrapQuadrant(2, -1),
        _ => WrapQuadrant.All,
    };

    private static double[] Numbers(XElement e) =>
        [.. ((string)e).Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture))];

    private static Point3 Vector(XElement e)
    {
        var v = Numbers(e);
        return new Point3(v[0], v[1], v[2]);
    }

    private static double Scalar(XElement e) => Numbers(e)[0];
}
