using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Tests.Training;

/// <summary><see cref="ObservationFromArmNet"/>: the controller trainer's folded observation map.</summary>
public sealed class ObservationFromArmNetTests
{
    [Fact]
    public void Equals_observing_the_denormalised_state_with_the_same_normalisation()
    {
        var data = PointMassData.Generate(trajectories: 8, steps: 10, seed: 3);
        using var armNet = PointMassNetworks.CreateArmNet(data, hidden: 8);
        using var controller = PointMassNetworks.CreateController(armNet, hidden: 8);
        AssertSameObservation(controller, armNet);
    }

    [Fact]
    public void Equals_observing_the_denormalised_state_with_another_normalisation_and_a_channel_subset()
    {
        // A warm-started controller keeps its earlier ArmNet's normalisation: means and stds differ from this ArmNet's.
        var data = PointMassData.Generate(trajectories: 8, steps: 10, seed: 3);
        using var armNet = PointMassNetworks.CreateArmNet(data, hidden: 8);
        var names = armNet.Layout.ChannelNames;
        var other = new ChannelNormalization(
            names,
            [.. names.Select((_, i) => armNet.Normalization.Mean[i] + (0.1 * (i + 1)))],
            [.. names.Select((_, i) => armNet.Normalization.Std[i] * (1.5 + (0.2 * i)))]);
        torch.manual_seed(2);
        var subset = new[] { names[3], names[0], names[names.Count - 1] };
        using var controller = new ControllerNet(
            armNet.Layout, ReachTaskInputs.Names, armNet.ExcitationNames, other, new ControllerNetOptions { HiddenSize = 8, ObservedChannels = subset }, torch.CPU);
        AssertSameObservation(controller, armNet);
    }

    private static void AssertSameObservation(ControllerNet controller, ArmNet armNet)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        var normalized = torch.randn(16, armNet.Layout.Count) * 3;
        var expected = controller.Observe(armNet.Denormalize(normalized));
        var actual = ObservationFromArmNet.Create(controller, armNet, torch.CPU).Observe(normalized);
        Assert.Equal(expected.shape, actual.shape);
        // Float32 arithmetic in a different order (one fused affine map instead of denormalise-select-normalise) on
        // values of order 10: agreement to 1e-5 absolute plus 1e-5 relative is rounding.
        Assert.True(torch.allclose(actual, expected, rtol: 1e-5, atol: 1e-5), $"max difference {(actual - expected).abs().max().item<float>()}");
    }
}
