using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// OpenSim's Arm26 model, built in: a two-degree-of-freedom arm (shoulder elevation, elbow flexion) in the sagittal plane
/// with six Thelen2003 muscles (TRIlong, TRIlat, TRImed, BIClong, BICshort, BRA). Every number is the one in
/// <c>Models/Arm26/arm26.osim</c> of opensim-org/opensim-models (the OpenSim 4.0 format, <c>Version="40000"</c>),
/// written with the file's full digits, so that <see cref="Create"/> equals what <see cref="OsimModelReader"/> reads
/// from that file, bit for bit; properties the file leaves out take OpenSim's class defaults, as the reader gives them.
/// </summary>
/// <remarks>
/// The model: Reinbolt, Seth, Habib, Hamner (The OpenSim Development Team), adapted from Kate Holzbaur's upper-extremity
/// model; Holzbaur, Murray, Delp, Ann. Biomed. Eng. 33:829-840, 2005. Licence CC BY 3.0.
/// </remarks>
public static class Arm26Model
{
    /// <summary>The model's name.</summary>
    public const string Name = "arm26";

    private const string Base = "base";
    private const string Humerus = "r_humerus";
    private const string Forearm = "r_ulna_radius_hand";

    /// <summary>Builds the Arm26 model description.</summary>
    /// <returns>A new description equal to the one read from <c>arm26.osim</c>.</returns>
    public static ModelDescription Create() =>
        new(Name, new Point3(0, -9.8065999999999995, 0), Bodies(), Joints(), Markers(), WrapObjects(), Muscles());

    private static IReadOnlyList<BodyDescription> Bodies() =>
    [
        new(Base, 0, new Point3(0, 0, 0), new InertiaDescription(0, 0, 0, 0, 0, 0)),
        new(Humerus, 1.8645719999999999, new Point3(0, -0.18049599999999999, 0),
            new InertiaDescription(0.01481, 0.0045510000000000004, 0.013193, 0, 0, 0)),
        new(Forearm, 1.5343150000000001, new Point3(0, -0.181479, 0),
            new InertiaDescription(0.019281, 0.0015709999999999999, 0.020062, 0, 0, 0)),
    ];

    private static IReadOnlyList<JointDescription> Joints()
    {
        var zero = new Point3(0, 0, 0);
        return
        [
            new(
                "offset",
                JointKind.Weld,
                new Frame(ModelDescription.Ground, new Point3(0, 0.80000000000000004, 0), zero),
                new Frame(Base, zero, zero),
                null,
                zero),
            new(
                "r_shoulder",
                JointKind.Custom,
                new Frame(Base, new Point3(-0.017545000000000002, -0.0070000000000000001, 0.17000000000000001), zero),
                new Frame(Humerus, zero, zero),
                new CoordinateDescription("r_shoulder_elev", 0, 0, -1.5707963300000001, 3.1415926500000002, Clamped: false, Locked: false),
                // The file's rotation1 axis; Simbody (and the reader) normalise it.
                new Point3(-0.058898020000000002, 0.0023, 0.99826135999999999).Normalized()),
            new(
                "r_elbow",
                JointKind.Custom,
                new Frame(Humerus, new Point3(0.0061000000000000004, -0.29039999999999999, -0.0123), zero),
                new Frame(Forearm, zero, zero),
                new CoordinateDescription("r_elbow_flex", 0, 0, 0, 2.2689280300000001, Clamped: false, Locked: false),
                new Point3(0.049400010000000001, 0.036600010000000002, 0.99810825000000003).Normalized()),
        ];
    }

    private static IReadOnlyList<MarkerDescription> Markers() =>
    [
        new("r_acromion", Base, new Point3(-0.01256, 0.040000000000000001, 0.17000000000000001)),
        new("r_humerus_epicondyle", Humerus, new Point3(0.0050000000000000001, -0.29039999999999999, 0.029999999999999999)),
        new("r_radius_styloid", Forearm, new Point3(-0.0011000000000000001, -0.23558999999999999, 0.094299999999999995)),
    ];

    private static IReadOnlyList<WrapObjectDescription> WrapObjects() =>
    [
        new WrapCylinderDescription(
            "TRIlongglen",
            Base,
            Active: true,
            new Point3(1.3753200000000001, -0.29461199999999999, 2.4359600000000001),
            new Point3(-0.043905, -0.0038999999999999998, 0.14779999999999999),
            new WrapQuadrant(0, 1), // "x"
            Radius: 0.0030000000000000001,
            Length: 0.029999999999999999),
        new WrapEllipsoidDescription(
            "TRIlonghh",
            Humerus,
            Active: true,
            new Point3(3.00162, -0.85346599999999995, 2.5741900000000002),
            new Point3(-0.0077999999999999996, -0.0041000000000000003, -0.0014),
            new WrapQuadrant(2, 1), // "z"
            new Point3(0.035000000000000003, 0.02, 0.02)),
        new WrapEllipsoidDescription(
            "BIClonghh",
            Humerus,
            Active: true,
            new Point3(-2.00434, -1.0016400000000001, 0.97546500000000003),
            new Point3(0.0033, 0.0073000000000000001, 0.00029999999999999997),
            new WrapQuadrant(1, -1), // "-y"
            new Point3(0.025000000000000001, 0.02, 0.02)),
        new WrapCylinderDescription(
            "TRI",
            Humerus,
            Active: true,
            new Point3(-0.14015, -0.0062831900000000001, 0.15498500000000001),
            new Point3(0.0028, -0.29189999999999999, -0.0068999999999999999),
            WrapQuadrant.All, // "all"
            Radius: 0.016,
            Length: 0.050000000000000003),
    ];

    private static IReadOnlyList<MuscleDescription> Muscles() =>
    [
        new(
            "TRIlong",
            new GeometryPathDescription(
                [
                    Point("TRIlong-P1", Base, -0.053650000000000003, -0.013729999999999999, 0.14723),
                    Point("TRIlong-P2", Humerus, -0.027140000000000001, -0.11441, -0.0066400000000000001),
                    Point("TRIlong-P3", Humerus, -0.03184, -0.22636999999999999, -0.01217),
                    Point("TRIlong-P4", Humerus, -0.017430000000000001, -0.26756999999999997, -0.01208),
                    Point("TRIlong-P5", Forearm, -0.021899999999999999, 0.010460000000000001, -0.00077999999999999999),
                ],
                [
                    new PathWrapDescription("TRIlong-wrap-cylinder1", "TRI", WrapMethod.Hybrid),
                    new PathWrapDescription("TRIlong-wrap-ellipsoid", "TRIlonghh", WrapMethod.Hybrid),
                    new PathWrapDescription("TRIlong-wrap-cylinder2", "TRIlongglen", WrapMethod.Hybrid),
                ]),
            Thelen(798.51999999999998, 0.13400000000000001, 0.14299999999999999, 0.20943951)),
        new(
            "TRIlat",
            new GeometryPathDescription(
                [
                    Point("TRIlat-P1", Humerus, -0.0059899999999999997, -0.12645999999999999, 0.00428),
                    Point("TRIlat-P2", Humerus, -0.023439999999999999, -0.14527999999999999, 0.0092800000000000001),
                    Point("TRIlat-P3", Humerus, -0.03184, -0.22636999999999999, -0.01217),
                    Point("TRIlat-P4", Humerus, -0.017430000000000001, -0.26756999999999997, -0.01208),
                    Point("TRIlat-P5", Forearm, -0.021899999999999999, 0.010460000000000001, -0.00077999999999999999),
                ],
                [new PathWrapDescription("pathwrap", "TRI", WrapMethod.Hybrid)]),
            Thelen(624.29999999999995, 0.1138, 0.098000000000000004, 0.15707963)),
        new(
            "TRImed",
            new GeometryPathDescription(
                [
                    Point("TRImed-P1", Humerus, -0.0083800000000000003, -0.13694999999999999, -0.0090600000000000003),
                    Point("TRImed-P2", Humerus, -0.026009999999999998, -0.15139, -0.010800000000000001),
                    Point("TRImed-P3", Humerus, -0.03184, -0.22636999999999999, -0.01217),
                    Point("TRImed-P4", Humerus, -0.017430000000000001, -0.26756999999999997, -0.01208),
                    Point("TRImed-P5", Forearm, -0.021899999999999999, 0.010460000000000001, -0.00077999999999999999),
                ],
                [new PathWrapDescription("pathwrap", "TRI", WrapMethod.Hybrid)]),
            Thelen(624.29999999999995, 0.1138, 0.090800000000000006, 0.15707963)),
        new(
            "BIClong",
            new GeometryPathDescription(
                [
                    Point("BIClong-P1", Base, -0.039234999999999999, 0.00347, 0.14795),
                    Point("BIClong-P2", Base, -0.028944999999999999, 0.01391, 0.15639),
                    Point("BIClong-P3", Humerus, 0.021309999999999999, 0.017930000000000001, 0.010279999999999999),
                    Point("BIClong-P4", Humerus, 0.023779999999999999, -0.00511, 0.01201),
                    Point("BIClong-P5", Humerus, 0.01345, -0.02827, 0.0013600000000000001),
                    Point("BIClong-P6", Humerus, 0.01068, -0.077359999999999998, -0.00165),
                    Point("BIClong-P7", Humerus, 0.01703, -0.12125, 0.00024000000000000001),
                    Point("BIClong-P8", Humerus, 0.022800000000000001, -0.1754, -0.0063),
                    Point("BIClong-P9", Forearm, 0.0075100000000000002, -0.048390000000000002, 0.02179),
                ],
                [new PathWrapDescription("pathwrap", "BIClonghh", WrapMethod.Hybrid, RangeStart: 2, RangeEnd: 3)]),
            Thelen(624.29999999999995, 0.1157, 0.27229999999999999, 0)),
        new(
            "BICshort",
            new GeometryPathDescription(
                [
                    Point("BICshort-P1", Base, 0.0046750000000000003, -0.01231, 0.13475000000000001),
                    Point("BICshort-P2", Base, -0.0070749999999999997, -0.040039999999999999, 0.14507),
                    Point("BICshort-P3", Humerus, 0.011169999999999999, -0.075759999999999994, -0.011010000000000001),
                    Point("BICshort-P4", Humerus, 0.01703, -0.12125, -0.010789999999999999),
                    Point("BICshort-P5", Humerus, 0.022800000000000001, -0.1754, -0.0063),
                    Point("BICshort-P6", Forearm, 0.0075100000000000002, -0.048390000000000002, 0.02179),
                ],
                []),
            Thelen(435.56, 0.1321, 0.1923, 0)),
        new(
            "BRA",
            new GeometryPathDescription(
                [
                    Point("BRA-P1", Humerus, 0.0067999999999999996, -0.1739, -0.0035999999999999999),
                    Point("BRA-P2", Forearm, -0.0032000000000000002, -0.023900000000000001, 0.00089999999999999998),
                ],
                [new PathWrapDescription("pathwrap", "TRI", WrapMethod.Hybrid)]),
            Thelen(987.25999999999999, 0.085800000000000001, 0.053499999999999999, 0)),
    ];

    private static PathPointDescription Point(string name, string body, double x, double y, double z) =>
        new(name, body, new Point3(x, y, z));

    /// <summary>The muscle-specific values of an Arm26 muscle, with the values all six share. The file leaves out
    /// <c>fv_linear_extrap_threshold</c>, <c>maximum_pennation_angle</c>, <c>minimum_activation</c> and the ignore flags,
    /// which therefore keep OpenSim's class defaults; <c>max_contraction_velocity</c> is 10, the default too.</summary>
    private static ThelenMuscleParameters Thelen(
        double maxIsometricForce, double optimalFiberLength, double tendonSlackLength, double pennationAngleAtOptimal) =>
        new()
        {
            MaxIsometricForce = maxIsometricForce,
            OptimalFiberLength = optimalFiberLength,
            TendonSlackLength = tendonSlackLength,
            PennationAngleAtOptimal = pennationAngleAtOptimal,
            MaxContractionVelocity = 10,
            FmaxTendonStrain = 0.033000000000000002,
            FmaxMuscleStrain = 0.59999999999999998,
            KshapeActive = 0.5,
            KshapePassive = 4,
            Af = 0.29999999999999999,
            Flen = 1.8,
            ActivationTimeConstant = 0.01,
            DeactivationTimeConstant = 0.040000000000000001,
        };
}
