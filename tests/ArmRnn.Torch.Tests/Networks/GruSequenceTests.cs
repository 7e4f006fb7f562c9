using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Tests.Networks;

/// <summary><see cref="GruSequence"/>: the training path's own GRU backward pass against LibTorch's autograd through
/// <c>nn.GRU</c> (the independent reference).</summary>
[Collection(TorchCollection.Name)]
public sealed class GruSequenceTests
{
    // (batch, hidden, steps): one trajectory (the whole sequence in one gradient chunk), a chunk boundary that does
    // not divide the steps (1024 / 96 = 10 steps per chunk, 23 steps), and a batch larger than a chunk (one step each).
    [Theory]
    [InlineData(1, 7, 5, true)]
    [InlineData(96, 12, 23, true)]
    [InlineData(96, 12, 23, false)]
    [InlineData(1100, 3, 4, false)]
    public void Outputs_and_all_gradients_equal_autograd_through_nn_GRU(int batch, int hidden, int steps, bool batchFirst)
    {
        torch.manual_seed(5);
        using var gru = nn.GRU(4, hidden, 1, batchFirst: batchFirst);
        gru.to(ScalarType.Float64);
        var shape = batchFirst ? new long[] { batch, steps, 4 } : [steps, batch, 4];
        using var input = torch.randn(shape, ScalarType.Float64).requires_grad_();
        using var h0 = torch.randn([1, batch, hidden], ScalarType.Float64).requires_grad_();
        using var weights = torch.randn([hidden], ScalarType.Float64);

        Assert.True(GruSequence.UsesOwnBackward(gru, input, h0));
        var reference = Gradients(gru, input, h0, weights, (i, h) => gru.call(i, h));
        var ours = Gradients(gru, input, h0, weights, (i, h) => GruSequence.Run(gru, i, h, batchFirst));

        AssertAgree(reference, ours);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_loss_of_one_output_alone_gets_the_same_gradients(bool useSequence, bool useLast)
    {
        // ArmNet's loss reads only the per-step states, a final-state loss only the last hidden state (a view of the
        // sequence output on this path): each alone must give autograd's gradients.
        torch.manual_seed(9);
        using var gru = nn.GRU(4, 10, 1, batchFirst: true);
        gru.to(ScalarType.Float64);
        using var input = torch.randn([6, 15, 4], ScalarType.Float64).requires_grad_();
        using var h0 = torch.randn([1, 6, 10], ScalarType.Float64).requires_grad_();
        using var weights = torch.randn([10], ScalarType.Float64);
        var reference = Gradients(gru, input, h0, weights, (i, h) => gru.call(i, h), useSequence, useLast);
        var ours = Gradients(gru, input, h0, weights, (i, h) => GruSequence.Run(gru, i, h, batchFirst: true), useSequence, useLast);
        AssertAgree(reference, ours);
    }

    [Fact]
    public void Gradients_that_are_not_asked_for_are_not_made_and_the_others_are_right()
    {
        // A frozen input and initial state (ArmNet's data and a detached start): only the weights get gradients.
        torch.manual_seed(6);
        using var gru = nn.GRU(3, 8, 1, batchFirst: true);
        gru.to(ScalarType.Float64);
        using var input = torch.randn([5, 9, 3], ScalarType.Float64);
        using var h0 = torch.randn([1, 5, 8], ScalarType.Float64);
        using var weights = torch.randn([8], ScalarType.Float64);
        Assert.True(GruSequence.UsesOwnBackward(gru, input, h0));
        var reference = Gradients(gru, input, h0, weights, (i, h) => gru.call(i, h));
        var ours = Gradients(gru, input, h0, weights, (i, h) => GruSequence.Run(gru, i, h, batchFirst: true));
        Assert.Null(input.grad);
        Assert.Null(h0.grad);
        AssertAgree(reference, ours);
    }

    [Fact]
    public void Without_gradients_or_with_frozen_weights_it_is_the_module_itself()
    {
        // The module's own path (bit-identical results), so inference and a frozen ArmNet (controller training) are
        // unchanged.
        torch.manual_seed(7);
        using var gru = nn.GRU(3, 6, 1, batchFirst: true);
        using var input = torch.randn(2, 5, 3);
        using var h0 = torch.randn(1, 2, 6);
        Assert.True(GruSequence.UsesOwnBackward(gru, input, h0));
        using (torch.no_grad())
        {
            Assert.False(GruSequence.UsesOwnBackward(gru, input, h0));
            AssertSame(gru.call(input, h0), GruSequence.Run(gru, input, h0, batchFirst: true));
        }

        foreach (var parameter in gru.parameters())
        {
            parameter.requires_grad = false;
        }

        Assert.False(GruSequence.UsesOwnBackward(gru, input, h0));
        AssertSame(gru.call(input, h0), GruSequence.Run(gru, input, h0, batchFirst: true));

        using var twoLayers = nn.GRU(3, 6, 2, batchFirst: true);
        Assert.False(GruSequence.UsesOwnBackward(twoLayers, input, torch.zeros(2, 2, 6)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Repeated_training_passes_do_not_grow_the_live_tensor_count(bool lossOfBothOutputs)
    {
        torch.manual_seed(8);
        using var gru = nn.GRU(3, 16, 1, batchFirst: true);
        using var input = torch.randn(40, 30, 3);
        using var h0 = torch.zeros(1, 40, 16);
        Assert.True(GruSequence.UsesOwnBackward(gru, input, h0));
        var live = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            using (var scope = torch.NewDisposeScope())
            {
                var (output, last) = GruSequence.Run(gru, input, h0, batchFirst: true);
                (lossOfBothOutputs ? output.square().mean() + last.sum() : output.square().mean()).backward();
                gru.zero_grad();
            }

            live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        // After the first pass (which may create lazily made tensors such as gradients) the count must not move.
        Assert.True(live.Skip(2).All(n => n == live[1]), $"live tensors after each pass: {string.Join(", ", live)}");
        Assert.All(live.Skip(2), n => Assert.Equal(live[1], n));
    }

    [Fact]
    public void An_input_without_steps_or_dimensions_is_refused_with_its_shape()
    {
        using var gru = nn.GRU(3, 4, 1, batchFirst: true);
        using var h0 = torch.zeros(1, 2, 4);
        var error = Assert.Throws<ArgumentException>(() => GruSequence.Run(gru, torch.zeros(2, 3), h0, batchFirst: true));
        Assert.Contains("[2, 3]", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => GruSequence.Run(gru, torch.zeros(2, 0, 3), h0, batchFirst: true));
        Assert.Contains("[2, 0, 3]", error.Message, StringComparison.Ordinal);
    }

    // The outputs, then the gradients of the input and h0 (where asked for) and of the four parameters, of a loss that
    // uses both outputs (every step's hidden state, weighted per unit, and the last hidden state).
    private static List<Tensor> Gradients(GRU gru, Tensor input, Tensor h0, Tensor weights, Func<Tensor, Tensor, (Tensor Output, Tensor Hidden)> run,
        bool useSequence = true, bool useLast = true)
    {
        gru.zero_grad();
        input.grad?.zero_();
        h0.grad?.zero_();
        var (output, last) = run(input, h0);
        var loss = useSequence && useLast ? (output.square() * weights).sum() + (last * last.sin()).sum()
            : useSequence ? (output.square() * weights).sum() : (last * last.sin()).sum();
        loss.backward();
        var result = new List<Tensor> { output.detach().clone(), last.detach().clone() };
        if (input.requires_grad)
        {
            result.Add(input.grad!.clone());
        }

        if (h0.requires_grad)
        {
            result.Add(h0.grad!.clone());
        }

        result.AddRange(gru.parameters().Select(p => p.grad!.clone()));
        return result;
    }

    // In float64 both paths compute the same equations with rounding errors near 1e-16 per operation; over tens of steps
    // and sums over up to 1,100 rows they stay below 1e-11 relative to each tensor's largest entry (or absolute, below
    // 1). A wrong term (a missing gate derivative, an off-by-one step in the previous hidden state) is of order one.
    private static void AssertAgree(List<Tensor> reference, List<Tensor> ours)
    {
        const double Tolerance = 1e-11;
        Assert.Equal(reference.Count, ours.Count);
        for (var k = 0; k < reference.Count; k++)
        {
            var scale = reference[k].abs().max().item<double>();
            var error = (ours[k] - reference[k]).abs().max().item<double>();
            Assert.True(error <= Tolerance * Math.Max(scale, 1), $"tensor {k} ({string.Join("x", reference[k].shape)}): max error {error:g3}, scale {scale:g3}");
        }
    }

    private static void AssertSame((Tensor Output, Tensor Hidden) expected, (Tensor Output, Tensor Hidden) actual)
    {
        Assert.True(expected.Output.eq(actual.Output).all().item<bool>());
        Assert.True(expected.Hidden.eq(actual.Hidden).all().item<bool>());
    }
}
