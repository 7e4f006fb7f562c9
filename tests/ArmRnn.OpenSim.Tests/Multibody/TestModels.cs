using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Multibody;

/// <summary>Small hand-built models with known dynamics.</summary>
internal static class TestModels
{
    public const double L1 = 0.30, C1 = 0.14, M1 = 1.9, I1 = 0.013;
    public const double C2 = 0.12, M2 = 1.5, I2 = 0.009;
    public const double G = 9.8066;

    /// <summary>A planar double pendulum in the x-y plane (pin joints about z), hanging along -y at q = 0.</summary>
    public static ModelDescription DoublePendulum(bool withGravity = true)
    {
        var zero = Point3.Zero;
        return new ModelDescription(
            "double-pendulum",
            withGravity ? new Point3(0, -G, 0) : zero,
            [
                new BodyDescription("upper", M1, new Point3(0, -C1, 0), new InertiaDescription(0.002, 0.003, I1, 0, 0, 0)),
                new BodyDescription("lower", M2, new Point3(0, -C2, 0), new InertiaDescription(0.001, 0.002, I2, 0, 0, 0)),
            ],
            [
                new JointDescription("shoulder", JointKind.Pin, new Frame(ModelDescription.Ground, zero, zero), new Frame("upper", zero, zero),
                    new CoordinateDescription("q1", 0, 0, -Math.PI, Math.PI, false, false), new Point3(0, 0, 1)),
                new JointDescription("elbow", JointKind.Pin, new Frame("upper", new Point3(0, -L1, 0), zero), new Frame("lower", zero, zero),
                    new CoordinateDescription("q2", 0, 0, -Math.PI, Math.PI, false, false), new Point3(0, 0, 1)),
            ],
            [],
            [],
            []);
    }

    /// <summary>A 3D chain with skewed axes, offsets, rotated frames and full inertia tensors (an Arm26-like arm).</summary>
    public static ModelDescription SkewedArm() => new(
        "skewed-arm",
        new Point3(0, -G, 0),
        [
            new BodyDescription("base", 0, Point3.Zero, InertiaDescription.Zero),
            new BodyDescription("humerus", 1.86, new Point3(0, -0.18, 0.01), new InertiaDescription(0.0148, 0.0046, 0.0132, 0.0003, -0.0002, 0.0001)),
            new BodyDescription("forearm", 1.53, new Point3(0.01, -0.18, 0.02), new InertiaDescription(0.0193, 0.0016, 0.0201, -0.0001, 0.0002, 0.0003)),
        ],
        [
            new JointDescription("offset", JointKind.Weld, new Frame(ModelDescription.Ground, new Point3(0, 0.8, 0), Point3.Zero),
                new Frame("base", Point3.Zero, Point3.Zero), null, Point3.Zero),
            new JointDescription("shoulder", JointKind.Custom, new Frame("base", new Point3(-0.0175, -0.007, 0.17), new Point3(0.1, -0.05, 0.2)),
                new Frame("humerus", new Point3(0.001, 0.002, -0.003), new Point3(0, 0.02, 0)),
                new CoordinateDescription("shoulder_elev", 0, 0, -1.57, 3.14, false, false), new Point3(-0.0589, 0.0023, 0.9983)),
            new JointDescription("elbow", JointKind.Custom, new Frame("humerus", new Point3(0.0061, -0.2904, -0.0123), Point3.Zero),
                new Frame("forearm", Point3.Zero, Point3.Zero),
                new CoordinateDescription("elbow_flex", 0, 0, 0, 2.27, false, false), new Point3(0.0494, 0.0366, 0.9981)),
        ],
        [],
        [],
        []);
}
