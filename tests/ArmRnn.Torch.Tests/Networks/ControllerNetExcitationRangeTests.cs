using ArmRnn.Abstractions;
using ArmRnn.Options;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Tests.Networks;

[Collection(TorchCollection.Name)]
public sealed class ControllerNetExcitationRangeTests
{
    private const double Min = 0.02;
    private const double Max = 0.5;

    [Fact]
    public void Excitations_are_the_full_range_sigmoid_mapped_onto_the_range()
    {
        // Two controllers with identical weights, one with the default range [0, 1] and one with [0.02, 0.5]: the
        // second's excitations must be 0.02 + 0.48·(the first's) at every step, for inputs large enough to drive the
        // sigmoid into both saturations (readout weights scaled by 500). Tolerance 1e-6: float32 rounding of one
        // multiply-add on values below 1.
        var data = PointMassData.Generate(trajectories: 4, steps: 10, seed: 4);
        using var arm = PointMassNetworks.CreateArmNet(data, hidden: 8);
        using var full = PointMassNetworks.CreateController(arm, hidden: 16);
        using var ranged = PointMassNetworks.CreateController(arm, hidden: 16, options: new ControllerNetOptions { MinExcitation = Min, MaxExcitation = Max, InitialExcitation = 0.1 });
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in full.named_parameters())
            {
                parameter.mul_(name.StartsWith("readout.weight", StringComparison.Ordinal) ? 500.0 : 1.0);
            }
        }

        ranged.load_state_dict(full.state_dict());
        using var noGrad = torch.no_grad();
        var random = new DeterministicRandom(3);
        var batch = 16;
        var hiddenFull = full.InitialHidden(batch);
        var hiddenRanged = ranged.InitialHidden(batch);
        var lowest = double.MaxValue;
        var highest = double.MinValue;
        for (var t = 0; t < 10; t++)
        {
            var inputs = torch.tensor(Enumerable.Range(0, batch * ReachTaskInputs.Names.Count).Select(_ => (float)random.Uniform(-3, 3)).ToArray(), [batch, ReachTaskInputs.Names.Count]);
            var observation = torch.tensor(Enumerable.Range(0, batch * full.ObservedChannels.Count).Select(_ => (float)random.Uniform(-3, 3)).ToArray(), [batch, full.ObservedChannels.Count]);
            var (e, nextFull) = full.Step(inputs, observation, hiddenFull);
            var (r, nextRanged) = ranged.Step(inputs, observation, hiddenRanged);
            hiddenFull = nextFull;
            hiddenRanged = nextRanged;
            var expected = e.data<float>().ToArray();
            var actual = r.data<float>().ToArray();
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - (Min + ((Max - Min) * expected[i]))) <= 1e-6, $"step {t}, value {i}: {actual[i]} vs {Min} + {Max - Min}·{expected[i]}");
                Assert.InRange(actual[i], Min - 1e-7, Max + 1e-7);
                lowest = Math.Min(lowest, actual[i]);
                highest = Math.Max(highest, actual[i]);
            }
        }

        // The inputs reached both ends of the range (within 1% of its width), so the bounds were exercised.
        Assert.True(lowest < Min + 0.01 * (Max - Min), $"lowest excitation {lowest}");
        Assert.True(highest > Max - 0.01 * (Max - Min), $"highest excitation {highest}");
    }

    [Fact]
    public void The_untrained_controller_starts_at_its_initial_excitation_inside_the_range()
    {
        // With the readout weights scaled to zero the first excitation is the readout bias alone: the bias is chosen so
        // that Min + (Max − Min)·σ(bias) = InitialExcitation. Tolerance 1e-6: float32 rounding.
        var data = PointMassData.Generate(trajectories: 2, steps: 5, seed: 4);
        using var arm = PointMassNetworks.CreateArmNet(data, hidden: 8);
        using var controller = PointMassNetworks.CreateController(arm, hidden: 12, options: new ControllerNetOptions
        {
            MinExcitation = Min,
            MaxExcitation = Max,
            InitialExcitation = 0.1,
            InitialReadoutWeightScale = 0,
        });
        controller.Reset(new ControllerContext(arm.Layout, ReachTaskInputs.Names, 2, arm.Dt));
        var excitations = new double[2 * arm.ExcitationNames.Count];
        controller.Act(new double[2 * ReachTaskInputs.Names.Count], data.InitialStates.AsSpan().ToArray(), excitations);
        Assert.All(excitations, e => Assert.True(Math.Abs(e - 0.1) <= 1e-6, $"{e}"));
    }

    [Theory]
    [InlineData(0.5, 0.5, 0.5, "MinExcitation and MaxExcitation must satisfy")]
    [InlineData(0.0, 1.2, 0.1, "MinExcitation and MaxExcitation must satisfy")]
    [InlineData(-0.1, 0.5, 0.1, "MinExcitation and MaxExcitation must satisfy")]
    [InlineData(0.2, 0.5, 0.1, "InitialExcitation must be in (MinExcitation, MaxExcitation) = (0.2, 0.5); it is 0.1")]
    public void An_invalid_range_is_refused_with_its_values(double min, double max, double initial, string message)
    {
        var options = new ControllerNetOptions { MinExcitation = min, MaxExcitation = max, InitialExcitation = initial };
        var error = Assert.Throws<ArgumentException>(() => options.EnsureValid());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_keeps_the_range_and_refuses_a_controller_with_another()
    {
        var data = PointMassData.Generate(trajectories: 2, steps: 5, seed: 4);
        using var arm = PointMassNetworks.CreateArmNet(data, hidden: 8);
        using var controller = PointMassNetworks.CreateController(arm, hidden: 12, options: new ControllerNetOptions { MinExcitation = Min, MaxExcitation = Max, InitialExcitation = 0.1 });
        using var other = PointMassNetworks.CreateController(arm, hidden: 12);
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "controller.ckpt");
        ControllerNetCheckpoint.Save(path, controller, generation: 0);

        using var loaded = ControllerNetCheckpoint.Load(path, arm.Layout, torch.CPU);
        Assert.Equal(Min, loaded.Options.MinExcitation);
        Assert.Equal(Max, loaded.Options.MaxExcitation);
        var differences = ControllerNetCheckpoint.DescribeDifferences(ArmNetCheckpoint.ReadMetadata(path), other);
        Assert.Contains("the checkpoint's excitation range is [0.02, 0.5] but the controller's is [0, 1]", differences);
    }
}
