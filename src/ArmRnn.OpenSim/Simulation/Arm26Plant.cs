using ArmRnn.Layouts;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>
/// OpenSim's Arm26 (shoulder elevation, elbow flexion, six Thelen2003 muscles) on the managed engine, built in: it
/// needs no files. Its state is the 49-channel <see cref="Arm26Layout.Full"/>.
/// </summary>
public sealed class Arm26Plant : OpenSimPlant
{
    /// <summary>
    /// A reaching home posture of Arm26 (shoulder elevation −0.47 rad, elbow flexion 1.66 rad; the hand at about
    /// (0.08, 0.44) m): uniform co-contraction at <see cref="HomeExcitation"/> holds the arm at rest there against
    /// gravity. The middle of the coordinate ranges (0.785, 1.134 rad) is no such posture: Arm26's muscles cannot hold
    /// the shoulder elevated 45° and the arm falls whatever the excitation.
    /// </summary>
    public static IReadOnlyList<double> HomePosture { get; } = [-0.47, 1.66];

    /// <summary>The uniform excitation (and activation) that holds the arm at <see cref="HomePosture"/>.</summary>
    public const double HomeExcitation = 0.1;

    /// <summary>Creates the plant.</summary>
    /// <param name="options">Engine settings (copied); defaults when null.</param>
    public Arm26Plant(OpenSimPlantOptions? options = null)
        : base(Arm26Model.Create(), options, [Arm26Layout.HandMarker])
    {
    }
}
