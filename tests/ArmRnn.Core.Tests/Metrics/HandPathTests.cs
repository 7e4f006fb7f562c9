using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Metrics;

namespace ArmRnn.Core.Tests.Metrics;

public class HandPathTests
{
    [Fact]
    public void Extracts_the_hand_channels_of_every_step()
    {
        var layout = Arm26Layout.Full;
        var (x, y, z) = Arm26Layout.Hand.IndicesIn(layout);
        var states = new TrajectoryArray(2, 3, layout.Count);
        for (var b = 0; b < 2; b++)
        {
            for (var t = 0; t < 3; t++)
            {
                states[b, t, x] = b + (0.1 * t);
                states[b, t, y] = -b - (0.1 * t);
                states[b, t, z] = 0.5 * t;
            }
        }

        var batch = new TrajectoryBatch(
            layout, Arm26Layout.MuscleNames, 0.01, new TrajectoryArray(2, 1, layout.Count), new TrajectoryArray(2, 3, 6), states, TaskInputSequence.None(2, 3));
        var path = HandPath.Extract(batch, Arm26Layout.Hand);
        Assert.Equal((2, 3, 3), path.Shape);
        Assert.Equal(1 + (0.1 * 2), path[1, 2, 0]);
        Assert.Equal(-1 - (0.1 * 2), path[1, 2, 1]);
        Assert.Equal(0.5 * 2, path[1, 2, 2]);
    }

    [Fact]
    public void A_hand_without_z_gets_z_0()
    {
        var layout = new StateLayout("planar", [new StateChannel("hx", "m", ChannelGroup.HandPosition, "hand"), new StateChannel("hy", "m", ChannelGroup.HandPosition, "hand")]);
        var states = new TrajectoryArray(1, 2, 2, [1, 2, 3, 4]);
        var path = HandPath.Extract(states, layout, new HandChannels("hx", "hy", null));
        Assert.Equal([1, 2, 0, 3, 4, 0], path.AsSpan().ToArray());
        Assert.Throws<KeyNotFoundException>(() => HandPath.Extract(states, layout, Arm26Layout.Hand));
    }
}
