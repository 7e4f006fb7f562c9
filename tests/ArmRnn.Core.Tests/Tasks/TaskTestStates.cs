using ArmRnn.Data;
using ArmRnn.Geometry;
using ArmRnn.Layouts;

namespace ArmRnn.Core.Tests.Tasks;

/// <summary>Start states for task tests.</summary>
internal static class TaskTestStates
{
    /// <summary>A planar layout whose hand has no z channel.</summary>
    public static StateLayout PlanarLayout { get; } = new(
        "planar-test",
        [
            new StateChannel("angle", "rad", ChannelGroup.JointAngle, "joint"),
            new StateChannel("hand_x", "m", ChannelGroup.HandPosition, "hand"),
            new StateChannel("hand_y", "m", ChannelGroup.HandPosition, "hand"),
        ]);

    /// <summary>The hand channels of <see cref="PlanarLayout"/>.</summary>
    public static HandChannels PlanarHand { get; } = new("hand_x", "hand_y", null);

    /// <summary>Arm26 start states whose hand of trial b is at <see cref="HandAt"/>(b).</summary>
    public static TrajectoryArray Arm26(int batchSize)
    {
        var layout = Arm26Layout.Full;
        var (x, y, z) = Arm26Layout.Hand.IndicesIn(layout);
        var states = new TrajectoryArray(batchSize, 1, layout.Count);
        for (var b = 0; b < batchSize; b++)
        {
            var hand = HandAt(b);
            states[b, 0, x] = hand.X;
            states[b, 0, y] = hand.Y;
            states[b, 0, z] = hand.Z;
            states[b, 0, 0] = 0.1 * b; // Other channels must not matter.
        }

        return states;
    }

    /// <summary>A different, deterministic hand position per trial.</summary>
    public static Point3 HandAt(int b) => new(0.2 + (0.01 * b), -0.3 + (0.005 * b), 0.15 - (0.002 * b));
}
