using ArmRnn.Plants;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Tests.Training;

/// <summary>The excitation-change term of <see cref="ControllerTrainer"/>'s loss.</summary>
[Collection(TorchCollection.Name)]
public sealed class ControllerLossTermTests
{
    [Fact]
    public void Excitation_change_enters_the_loss_with_its_weight()
    {
        // Two runs of one iteration from the same weights and trials, one with the term weighted 3: the first
        // iteration's losses (computed before the optimiser step) must differ by exactly 3 × the reported term, and
        // the term must be positive (a fresh controller's excitations move). Float32 sums of terms of order 0.01-1:
        // agreement to 1e-6 absolute is rounding.
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 8, steps: 20, seed: 3);
        using var armNet = PointMassNetworks.CreateArmNet(data, hidden: 16);
        var without = FirstReport(armNet, weight: 0);
        var with = FirstReport(armNet, weight: 3);
        Assert.True(without.ExcitationChangeLoss > 0, $"excitation change {without.ExcitationChangeLoss}");
        Assert.Equal(without.ExcitationChangeLoss, with.ExcitationChangeLoss, 1e-9);
        Assert.Equal(without.Loss + (3 * without.ExcitationChangeLoss), with.Loss, 1e-6);
    }

    private static ControllerIterationReport FirstReport(ArmRnn.Torch.Networks.ArmNet armNet, double weight)
    {
        using var controller = PointMassNetworks.CreateController(armNet, hidden: 16);
        var options = ControllerTrainingOptions.Default();
        options.Iterations = 1;
        options.BatchSize = 4;
        options.Steps = 80;
        options.ReportEvery = 1;
        options.ExcitationChangeWeight = weight;
        return new ControllerTrainer(options).Train(controller, armNet, PointMassNetworks.Task(), new PointMassPlant()).Reports[0];
    }
}
