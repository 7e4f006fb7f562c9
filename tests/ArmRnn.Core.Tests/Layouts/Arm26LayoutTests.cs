using ArmRnn.Core.Tests.TestSupport;
using ArmRnn.Tests.Shared;
using ArmRnn.Layouts;

namespace ArmRnn.Core.Tests.Layouts;

public class Arm26LayoutTests
{
    private static string[] ReferenceColumns(string relativePath)
    {
        // The column labels of a real OpenSim 4.3 output file: the independent reference for our channel names.
        var lines = File.ReadLines(Path.Combine(RepositoryPaths.SharedReference, relativePath));
        return lines.SkipWhile(l => l.Trim() != "endheader").Skip(1).First().Split('\t');
    }

    [Fact]
    public void Full_layout_has_the_49_channels_of_a_real_OpenSim_run_in_order()
    {
        var columns = ReferenceColumns("opensim43/physiological/states.sto");
        Assert.Equal("time", columns[0]);
        Assert.Equal(49, Arm26Layout.Full.Count);
        Assert.Equal(columns[1..], Arm26Layout.Full.ChannelNames);
    }

    [Fact]
    public void Groups_units_and_elements_follow_the_design_table()
    {
        var layout = Arm26Layout.Full;
        Assert.Equal([0, 1], layout.IndicesOf(ChannelGroup.JointAngle));
        Assert.Equal([2, 3], layout.IndicesOf(ChannelGroup.JointSpeed));
        Assert.Equal([4, 5, 6], layout.IndicesOf(ChannelGroup.HandPosition));
        Assert.Equal([7, 14, 21, 28, 35, 42], layout.IndicesOf(ChannelGroup.Activation));
        Assert.Equal([12, 19, 26, 33, 40, 47], layout.IndicesOf(ChannelGroup.TendonForce));
        Assert.Equal(Enumerable.Range(7 + (3 * 7), 7), layout.IndicesOfElement("BIClong"));
        Assert.Equal("N", layout["/forceset/BRA|passive_fiber_force"].Unit);
        Assert.Equal("rad/s", layout[2].Unit);
        Assert.Equal("m", layout[Arm26Layout.Hand.X].Unit);
        Assert.Equal((4, 5, 6), Arm26Layout.Hand.IndicesIn(layout));
    }

    [Fact]
    public void OpenSim_states_are_q_u_per_coordinate_then_activation_and_fiber_length_per_muscle()
    {
        var states = Arm26Layout.OpenSimStates;
        Assert.Equal(16, states.Count);
        Assert.Equal("/jointset/r_shoulder/r_shoulder_elev/value", states[0].Name);
        Assert.Equal("/jointset/r_shoulder/r_shoulder_elev/speed", states[1].Name);
        Assert.Equal("/jointset/r_elbow/r_elbow_flex/value", states[2].Name);
        Assert.Equal("/forceset/TRIlong/activation", states[4].Name);
        Assert.Equal("/forceset/BRA/fiber_length", states[15].Name);
        // Every OpenSim state is also a channel of the full layout.
        Assert.All(states.ChannelNames, name => Assert.True(Arm26Layout.Full.Contains(name), name));
    }

    [Fact]
    public void Unknown_channel_names_get_suggestions()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Arm26Layout.Full.IndexOf("/forceset/BIClong|tendon_forc"));
        Assert.Contains("arm26-49", error.Message, StringComparison.Ordinal);
        Assert.Contains("/forceset/BIClong|tendon_force", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_channel_names_are_rejected()
    {
        var channel = new StateChannel("q", "rad", ChannelGroup.JointAngle, "q");
        var error = Assert.Throws<ArgumentException>(() => new StateLayout("dup", [channel, channel]));
        Assert.Contains("'q' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_differences_are_described()
    {
        var subset = Arm26Layout.Full.Select("sub", Arm26Layout.Full.ChannelNames.Take(10));
        Assert.Null(Arm26Layout.Full.DescribeChannelDifference(Arm26Layout.Full));
        Assert.Contains("10 channels where 49", subset.DescribeChannelDifference(Arm26Layout.Full), StringComparison.Ordinal);
        var error = Assert.Throws<InvalidOperationException>(() => Arm26Layout.OpenSimStates.EnsureSameChannels(Arm26Layout.Full, "model.ckpt"));
        Assert.Contains("model.ckpt", error.Message, StringComparison.Ordinal);
        Assert.Contains("channel 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(Arm26Layout.Full, MusculoskeletalLayouts.Full(Arm26Layout.FullLayoutName, Arm26Layout.Coordinates, [Arm26Layout.HandMarker], Arm26Layout.MuscleNames));
    }
}
