using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Networks.Kernels;
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

    // 13 rows: one weight-gradient chunk, a partial row tile; 200 rows of 8 steps: five steps per weight-gradient chunk
    // (two chunks). 40 units: a partial 16-column panel in every product.
    [Avx2Theory]
    [InlineData(true, 13, 12)]
    [InlineData(false, 13, 12)]
    [InlineData(true, 200, 8)]
    public void In_float32_the_kernels_forward_pass_gives_the_double_precision_gradients_to_float32_rounding(bool batchFirst, int batch, int steps)
    {
        // The float32 path (ArmRnn's kernel forward and backward steps, LibTorch's weight-gradient products) against
        // autograd through nn.GRU on a float64 copy of the same module and data. float32 carries 6e-8 relative per
        // operation; the gradients sum up to 1,600 rows of products over 40 units, so their errors stay near 1e-6 of the
        // largest entry. 1e-4 of each tensor's largest entry leaves room; a wrong gate term or step is of order one.
        torch.manual_seed(12);
        using var scope = torch.NewDisposeScope();
        var gru = nn.GRU(6, 40, 1, batchFirst: batchFirst);
        var reference = nn.GRU(6, 40, 1, batchFirst: batchFirst);
        reference.load_state_dict(gru.state_dict());
        reference.to(ScalarType.Float64);
        var shape = batchFirst ? new long[] { batch, steps, 6 } : [steps, batch, 6];
        var input = torch.randn(shape).requires_grad_();
        var h0 = (torch.rand([1, batch, 40]) - 0.5).requires_grad_();
        var weights = torch.randn([40]);
        var input64 = input.detach().to(ScalarType.Float64).requires_grad_();
        var h064 = h0.detach().to(ScalarType.Float64).requires_grad_();

        var ours = Gradients(gru, input, h0, weights, (i, h) => GruSequence.Run(gru, i, h, batchFirst));
        var expected = Gradients(reference, input64, h064, weights.to(ScalarType.Float64), (i, h) => reference.call(i, h));
        Assert.Equal(expected.Count, ours.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var scale = Math.Max(1e-30, expected[i].abs().max().item<double>());
            var worst = (expected[i] - ours[i].to(ScalarType.Float64)).abs().max().item<double>();
            Assert.True(worst <= 1e-4 * scale, $"tensor {i}: largest difference {worst:E2}, largest entry {scale:E2}");
        }
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
    public void Each_call_takes_the_path_its_gradients_type_and_processor_allow()
    {
        // No gradient needed (gradients off, or nothing requiring one): ArmRnn's float32 kernel, nn.GRU's function to
        // float32 rounding (five steps of at most 9 products per gate: 1e-6 on values of order 1). A frozen GRU fed an
        // input that needs a gradient (a frozen ArmNet under controller training) and float64: the module itself,
        // bit for bit.
        torch.manual_seed(7);
        using var gru = nn.GRU(3, 6, 1, batchFirst: true);
        using var input = torch.randn(2, 5, 3);
        using var h0 = torch.randn(1, 2, 6);
        Assert.True(GruSequence.UsesOwnBackward(gru, input, h0));
        Assert.False(GruSequence.UsesOwnKernel(gru, input, h0));
        using (torch.no_grad())
        {
            Assert.False(GruSequence.UsesOwnBackward(gru, input, h0));
            Assert.Equal(MatrixProduct.IsSupported, GruSequence.UsesOwnKernel(gru, input, h0));
            AssertClose(gru.call(input, h0), GruSequence.Run(gru, input, h0, batchFirst: true), 1e-6);
        }

        foreach (var parameter in gru.parameters())
        {
            parameter.requires_grad = false;
        }

        Assert.False(GruSequence.UsesOwnBackward(gru, input, h0));
        Assert.Equal(MatrixProduct.IsSupported, GruSequence.UsesOwnKernel(gru, input, h0));
        AssertClose(gru.call(input, h0), GruSequence.Run(gru, input, h0, batchFirst: true), 1e-6);
        using var needsGradient = torch.randn(2, 5, 3).requires_grad_();
        Assert.False(GruSequence.UsesOwnKernel(gru, needsGradient, h0));
        AssertSame(gru.call(needsGradient, h0), GruSequence.Run(gru, needsGradient, h0, batchFirst: true));

        using (torch.no_grad())
        {
            gru.to(ScalarType.Float64);
            using var input64 = input.to(ScalarType.Float64);
            using var h064 = h0.to(ScalarType.Float64);
            Assert.False(GruSequence.UsesOwnKernel(gru, input64, h064));
            AssertSame(gru.call(input64, h064), GruSequence.Run(gru, input64, h064, batchFirst: true));
        }

        using var twoLayers = nn.GRU(3, 6, 2, batchFirst: true);
        Assert.False(GruSequence.UsesOwnBackward(twoLayers, input, torch.zeros(2, 2, 6)));
        Assert.False(GruSequence.UsesOwnKernel(twoLayers, input, torch.zeros(2, 2, 6)));
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

    private static void AssertClose((Tensor Output, Tensor Hidden) expected, (Tensor Output, Tensor Hidden) actual, double tolerance)
    {
        Assert.Equal(expected.Output.shape, actual.Output.shape);
        Assert.Equal(expected.Hidden.shape, actual.Hidden.shape);
        Assert.True((expected.Output - actual.Output).abs().max().item<float>() <= tolerance);
        Assert.True((expected.Hidden - actual.Hidden).abs().max().item<float>() <= tolerance);
    }

    private static void AssertSame((Tensor Output, Tensor Hidden) expected, (Tensor Output, Tensor Hidden) actual)
    {
        Assert.True(expected.Output.eq(actual.Output).all().item<bool>());
        Assert.True(expected.Hidden.eq(actual.Hidden).all().item<bool>());
    }
}
