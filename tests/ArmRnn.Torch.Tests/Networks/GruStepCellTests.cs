using ArmRnn.Abstractions;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Tests.Networks;

/// <summary>The per-step inference path (<see cref="GruStepCell"/>): a cell sharing a one-layer GRU's weights.</summary>
[Collection(TorchCollection.Name)]
public sealed class GruStepCellTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(5, 33)]
    public void A_cell_step_equals_the_GRUs_step_and_takes_new_weights_at_Bind(int batch, int hidden)
    {
        // On this processor the cell runs ArmRnn's kernel (LibTorch's GRUCell elsewhere): the same function to float32
        // rounding (one step, at most 40 products per gate: 1e-6 on values of order 1). An in-place change of the
        // GRU's weights (an optimiser step, a state-dict load) is taken at the next Bind, which the networks call at
        // every Reset.
        torch.manual_seed(3);
        using var gru = nn.GRU(7, hidden, 1, batchFirst: true);
        using var cell = new GruStepCell(gru, 7, hidden);
        using var noGrad = torch.no_grad();
        var input = torch.rand(batch, 7);
        var h = torch.rand(batch, hidden);
        AssertClose(gru, cell, input, h);
        gru.get_parameter("weight_hh_l0")!.mul_(0.5);
        gru.get_parameter("bias_ih_l0")!.add_(0.25);
        cell.Bind();
        AssertClose(gru, cell, input, h);
    }

    [Avx2Fact]
    public void The_kernel_step_equals_the_forward_only_sequence_path_bit_for_bit()
    {
        // IPlant.Step after Reset and ArmNet.Run without gradients go through the same kernel: stepping a trajectory
        // must reproduce the sequence exactly, so closed-loop and open-loop evaluations of one network agree.
        torch.manual_seed(8);
        using var gru = nn.GRU(6, 24, 1, batchFirst: true);
        using var cell = new GruStepCell(gru, 6, 24);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var input = torch.rand(3, 9, 6);
        var h0 = torch.rand(1, 3, 24);
        var (sequence, last) = GruSequence.Run(gru, input, h0, batchFirst: true);
        var h = h0[0];
        for (var t = 0; t < 9; t++)
        {
            h = cell.Step(input.select(1, t), h);
        }

        Assert.Equal(last[0].data<float>().ToArray(), h.data<float>().ToArray());
        Assert.Equal(sequence.select(1, 8).data<float>().ToArray(), h.data<float>().ToArray());
    }

    // Hidden 40 (whole 8-unit vectors), 43 (a scalar tail); batch 128 × 260 units is above the gate pass's parallel
    // threshold, run on two threads; its 1,280 rows and the 1,100-row steps of the last case are more than one chunk of
    // the rows the weight gradients are gathered in (1,024).
    [Avx2Theory]
    [InlineData(true, 9, 40, 1)]
    [InlineData(false, 9, 43, 1)]
    [InlineData(true, 1, 43, 1)]
    [InlineData(true, 128, 260, 2)]
    [InlineData(true, 1100, 16, 2)]
    public void Stepping_with_gradients_gives_the_double_precision_outputs_and_gradients_to_float32_rounding(bool trainWeights, int batch, int hidden, int threads)
    {
        // Ten steps of the cell under autograd (the kernel forward, ArmRnn's backward pass, one node per step) against
        // autograd through nn.GRU stepped on a float64 copy of the module and data, with a loss on every step. float32
        // carries 6e-8 relative per operation; the gradients sum up to 128 rows x 10 steps of products over 260 units, so
        // their errors stay near 1e-6 of the largest entry: 1e-4 leaves room, a wrong gate term or step is of order one.
        // With frozen weights (a frozen ArmNet under a trained controller) only the input and state get gradients.
        torch.manual_seed(21);
        var threadsBefore = torch.get_num_threads();
        torch.set_num_threads(threads);
        try
        {
            using var scope = torch.NewDisposeScope();
            var gru = nn.GRU(6, hidden, 1, batchFirst: true);
            var reference = nn.GRU(6, hidden, 1, batchFirst: true);
            reference.load_state_dict(gru.state_dict());
            reference.to(ScalarType.Float64);
            foreach (var parameter in gru.parameters().Concat(reference.parameters()))
            {
                parameter.requires_grad_(trainWeights);
            }

            using var cell = new GruStepCell(gru, 6, hidden);
            var input = torch.randn(batch, 10, 6).requires_grad_();
            var h0 = (torch.rand(batch, hidden) - 0.5).requires_grad_();
            var input64 = input.detach().to(ScalarType.Float64).requires_grad_();
            var h064 = h0.detach().to(ScalarType.Float64).requires_grad_();

            var ours = StepGradients(gru, input, h0, (x, h) => cell.Step(x, h));
            var expected = StepGradients(reference, input64, h064, (x, h) => reference.call(x.unsqueeze(1), h.unsqueeze(0)).Item2[0]);
            Assert.Equal(trainWeights ? 7 : 3, ours.Count);
            Assert.Equal(expected.Count, ours.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var scale = Math.Max(1e-30, expected[i].abs().max().item<double>());
                var worst = (expected[i] - ours[i].to(ScalarType.Float64)).abs().max().item<double>();
                Assert.True(worst <= 1e-4 * scale, $"tensor {i}: largest difference {worst:E2}, largest entry {scale:E2}");
            }
        }
        finally
        {
            torch.set_num_threads(threadsBefore);
        }
    }

    [Avx2Fact]
    public void Training_steps_through_the_cell_do_not_grow_the_live_tensor_count()
    {
        torch.manual_seed(22);
        using var gru = nn.GRU(3, 16, 1, batchFirst: true);
        using var cell = new GruStepCell(gru, 3, 16);
        using var input = torch.randn(20, 3);
        using var h0 = torch.zeros(20, 16);
        var live = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            using (var scope = torch.NewDisposeScope())
            {
                SteppedLosses.OfEveryState(cell, input, h0, 8).backward();
                gru.zero_grad();
            }

            live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        // After the first pass (which makes the gradients) the count must not move.
        Assert.All(live.Skip(2), n => Assert.Equal(live[1], n));
    }

    [Avx2Fact]
    public void A_backward_pass_holds_one_steps_gradients_whatever_its_length()
    {
        // TorchSharp leaves a custom function's results alive after handing them to the engine; the cell frees each
        // step's at the next (HandedOffGradients). So the tensors a backward pass leaves alive must not grow with the
        // number of steps: held in the caller's scope, 30 steps would leave 25 sets (about 6 tensors each) more than 5.
        torch.manual_seed(23);
        using var gru = nn.GRU(3, 16, 1, batchFirst: true);
        using var cell = new GruStepCell(gru, 3, 16);
        using var input = torch.randn(4, 3);
        using var h0 = torch.zeros(4, 16);
        long LeftByBackward(int steps)
        {
            using var scope = torch.NewDisposeScope();
            var loss = SteppedLosses.OfEveryState(cell, input, h0, steps);
            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            loss.backward();
            var left = DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
            gru.zero_grad();
            return left;
        }

        LeftByBackward(3); // the parameters' gradient tensors are made here
        Assert.Equal(LeftByBackward(5), LeftByBackward(30));
    }

    [Fact]
    public void Creating_and_disposing_a_cell_leaves_the_GRU_and_the_global_generator_alone()
    {
        torch.manual_seed(11);
        using var gru = nn.GRU(4, 8, 1, batchFirst: true);
        var expected = torch.rand(5).data<float>().ToArray();

        torch.manual_seed(11);
        using var again = nn.GRU(4, 8, 1, batchFirst: true);
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var cell = new GruStepCell(again, 4, 8);
        using (var drawnTensor = torch.rand(5))
        {
            Assert.Equal(expected, drawnTensor.data<float>().ToArray());
        }

        cell.Dispose();
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        using var noGrad = torch.no_grad();
        var (_, h) = again.call(torch.ones(2, 1, 4));
        Assert.True(float.IsFinite(h.sum().item<float>()));
        Assert.Equal(StateBytes(gru), StateBytes(again));
    }

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(2, false, false)]
    [InlineData(2, true, false)]
    [InlineData(0, false, true)]
    [InlineData(2, true, true)]
    public void ControllerNet_acting_step_by_step_equals_its_tensor_step(int delay, bool noise, bool narrowRange)
    {
        // Act (host-built inputs; the cell path when noise is off, the GRU path with noise) against Step (the GRU path
        // the trainer uses) of an identical controller with an identically seeded noise generator, fed the same
        // observations delayed by hand: equal to float32 rounding of the host-side normalisation (1e-6 relative).
        var data = PointMassData.Generate(trajectories: 3, steps: 12, seed: 4);
        using var arm = PointMassNetworks.CreateArmNet(data, hidden: 8);
        var options = new ControllerNetOptions
        {
            SensoryDelaySteps = delay,
            InputNoiseStd = noise ? 0.3 : 0,
            HiddenNoiseStd = noise ? 0.2 : 0,
            MinExcitation = narrowRange ? 0.02 : 0,
            MaxExcitation = narrowRange ? 0.5 : 1,
        };
        using var controller = PointMassNetworks.CreateController(arm, hidden: 24, options: options);
        using var reference = PointMassNetworks.CreateController(arm, hidden: 24, options: options);
        reference.load_state_dict(controller.state_dict());
        controller.train(noise);
        reference.train(noise);
        Assert.Equal(noise, controller.NoiseActive);
        controller.SeedNoise(11);
        reference.SeedNoise(11);
        var batch = data.BatchSize;
        var layout = arm.Layout;
        controller.Reset(new ControllerContext(layout, ReachTaskInputs.Names, batch, arm.Dt));
        var random = new DeterministicRandom(5);
        using var noGrad = torch.no_grad();
        var hidden = reference.InitialHidden(batch);
        var observations = new List<Tensor>();
        for (var t = 0; t < data.Steps; t++)
        {
            var states = new double[batch * layout.Count];
            for (var b = 0; b < batch; b++)
            {
                data.States.At(b, t).CopyTo(states.AsSpan(b * layout.Count, layout.Count));
            }

            var inputs = Enumerable.Range(0, batch * ReachTaskInputs.Names.Count).Select(_ => random.Uniform(-0.1, 0.1)).ToArray();
            var acted = new double[batch * arm.ExcitationNames.Count];
            controller.Act(inputs, states, acted);

            observations.Add(reference.Observe(torch.tensor(states.Select(v => (float)v).ToArray(), [batch, layout.Count])));
            var delayed = observations[Math.Max(0, t - delay)];
            var (e, next) = reference.Step(torch.tensor(inputs.Select(v => (float)v).ToArray(), [batch, ReachTaskInputs.Names.Count]), delayed, hidden);
            hidden = next;
            var expected = e.data<float>().ToArray();
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - acted[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"step {t}, value {i}: Step {expected[i]} vs Act {acted[i]}");
            }
        }
    }


    // The last hidden state, the input and initial-state gradients, and the parameters' gradients (where they take any)
    // of a loss on every step's hidden state.
    private static List<Tensor> StepGradients(GRU gru, Tensor input, Tensor h0, Func<Tensor, Tensor, Tensor> step)
    {
        gru.zero_grad();
        var h = h0;
        var loss = torch.zeros(1, input.dtype);
        for (var t = 0; t < input.shape[1]; t++)
        {
            h = step(input.select(1, t), h);
            loss = loss + (h * h.sin()).sum();
        }

        loss.backward();
        var result = new List<Tensor> { h.detach().clone(), input.grad!.clone(), h0.grad!.clone() };
        result.AddRange(gru.parameters().Where(p => p.requires_grad).Select(p => p.grad!.clone()));
        return result;
    }

    private static void AssertClose(GRU gru, GruStepCell cell, Tensor input, Tensor h)
    {
        var (_, expected) = gru.call(input.unsqueeze(1), h.unsqueeze(0));
        var actual = cell.Step(input, h);
        var worst = (expected[0] - actual).abs().max().item<float>();
        Assert.True(worst <= 1e-6, $"largest difference {worst:E2}");
    }

    private static byte[] StateBytes(torch.nn.Module module) => Training.ControllerTrainingTests.StateBytes(module);
}
