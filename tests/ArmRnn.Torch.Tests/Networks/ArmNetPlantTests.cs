using ArmRnn.Controllers;
using ArmRnn.Excitation;
using ArmRnn.Loops;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;

namespace ArmRnn.Torch.Tests.Networks;

[Collection(TorchCollection.Name)]
public sealed class ArmNetPlantTests
{
    [Theory]
    [InlineData(RecurrentCellKind.Gru, 1, false)]
    [InlineData(RecurrentCellKind.Gru, 2, true)]
    [InlineData(RecurrentCellKind.Lstm, 1, false)]
    [InlineData(RecurrentCellKind.Lstm, 2, true)]
    public void Stepping_ArmNet_as_a_plant_matches_its_whole_sequence_forward_pass(RecurrentCellKind cell, int layers, bool feedInitialState)
    {
        var data = PointMassData.Generate(trajectories: 3, steps: 25, seed: 9);
        using var net = PointMassNetworks.CreateArmNet(data, hidden: 16, options: new ArmNetOptions { Cell = cell, Layers = layers, FeedInitialStateAsInput = feedInitialState });

        var predicted = net.Predict(data.InitialStates, data.Excitations);
        var stepped = ExcitationReplay.Run(net, data.InitialStates, data.Excitations, null);

        Assert.Equal(data.InitialStates.AsSpan().ToArray(), stepped.InitialStates.AsSpan().ToArray());
        var a = predicted.AsSpan().ToArray();
        var b = stepped.States.AsSpan().ToArray();
        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-5 * Math.Max(1, Math.Abs(a[i])), $"value {i}: sequence {a[i]} vs steps {b[i]}");
        }
    }

    [Fact]
    public void ArmNet_rejects_out_of_range_excitations_like_a_plant()
    {
        var data = PointMassData.Generate(trajectories: 1, steps: 5, seed: 9);
        using var net = PointMassNetworks.CreateArmNet(data, hidden: 8);
        var states = new double[net.Layout.Count];
        net.Reset(data.InitialStates.AsSpan(), states);

        Assert.Throws<ExcitationOutOfRangeException>(() => net.Step([0.1, 0.2, 1.5, 0, 0, 0], states));
        Assert.Throws<InvalidOperationException>(() =>
        {
            using var fresh = PointMassNetworks.CreateArmNet(data, hidden: 8);
            fresh.Step(new double[6], states);
        });
    }

    [Fact]
    public void ControllerNet_starts_with_small_excitations_and_runs_in_Cores_closed_loop()
    {
        var data = PointMassData.Generate(trajectories: 4, steps: 5, seed: 9);
        using var arm = PointMassNetworks.CreateArmNet(data, hidden: 8);
        using var controller = PointMassNetworks.CreateController(arm, hidden: 32, options: new ControllerNetOptions { SensoryDelaySteps = 3 });
        var trials = PointMassNetworks.Task().CreateBatch(4, 80, arm.Dt, data.InitialStates, arm.Layout, new Randomness.DeterministicRandom(3));

        var result = new ClosedLoop(arm, controller).Run(data.InitialStates, trials.Inputs);

        var excitations = result.Excitations.AsSpan().ToArray();
        Assert.All(excitations, e => Assert.InRange(e, 0.0, 0.2));
        Assert.InRange(excitations.Average(), 0.02, 0.1);
    }
}
