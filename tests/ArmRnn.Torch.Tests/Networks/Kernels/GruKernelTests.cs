using ArmRnn.Torch.Networks.Kernels;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Tests.Networks.Kernels;

/// <summary><see cref="GruKernel"/> against LibTorch's <c>nn.GRU</c> run in float64 on the same weights (the independent
/// reference).</summary>
[Collection(TorchCollection.Name)]
public sealed class GruKernelTests
{
    // Hidden sizes that do (64) and do not (33, 40: the scalar tail of the gate pass, a partial 16-column panel) fill
    // vector widths; batches of one (the matrix-vector kernel), fewer than a tile, and tiles plus spare rows.
    [Avx2Theory]
    [InlineData(1, 33, 7, 20, true)]
    [InlineData(13, 40, 6, 15, false)]
    [InlineData(7, 64, 6, 10, true)]
    public void A_sequence_agrees_with_nn_GRU_in_double_precision(int batch, int hidden, int inputs, int steps, bool batchFirst)
    {
        torch.manual_seed(batch + hidden);
        using var scope = torch.NewDisposeScope();
        var gru = nn.GRU(inputs, hidden, 1, batchFirst: batchFirst);
        var input = torch.randn(batchFirst ? [batch, steps, inputs] : [steps, batch, inputs]);
        var h0 = torch.rand([batch, hidden]) - 0.5;
        var kernel = KernelOf(gru);

        var ours = kernel.Run(input, h0, batchFirst);
        var reference = ReferenceInDouble(gru, input, h0, batchFirst);
        // float32 carries about 6e-8 relative per operation; over up to 71 products per gate, the gates and 20 steps
        // of a contracting recurrence the hidden state (|h| < 1) stays within a few 1e-7 of the exact values. 1e-5
        // absolute leaves room and still fails any wrong gate, bias or step (errors of order 0.1).
        AssertClose(reference, ours, 1e-5);
        Assert.Equal(reference.shape, ours.shape);
    }

    [Avx2Fact]
    public void Stepping_equals_the_sequence_and_a_trajectory_gets_the_same_bits_alone_or_in_a_batch()
    {
        torch.manual_seed(2);
        using var scope = torch.NewDisposeScope();
        var gru = nn.GRU(6, 40, 1, batchFirst: true);
        var kernel = KernelOf(gru);
        var input = torch.randn([9, 12, 6]);
        var h0 = torch.rand([9, 40]);
        var sequence = kernel.Run(input, h0, batchFirst: true);

        var h = h0;
        for (var t = 0; t < 12; t++)
        {
            h = kernel.Step(input.select(1, t), h);
            Assert.Equal(sequence.select(1, t).data<float>().ToArray(), h.data<float>().ToArray());
        }

        var alone = kernel.Run(input.narrow(0, 8, 1), h0.narrow(0, 8, 1), batchFirst: true);
        Assert.Equal(sequence.narrow(0, 8, 1).data<float>().ToArray(), alone.data<float>().ToArray());
    }

    [Avx2Fact]
    public void Two_threads_give_the_same_bits_as_one()
    {
        // 64 x 512 = 32,768 units per step: large enough that both the products and the gate pass are split between
        // threads (on LibTorch's OpenMP threads here). Each element's arithmetic does not depend on the split.
        torch.manual_seed(5);
        using var scope = torch.NewDisposeScope();
        var gru = nn.GRU(6, 512, 1, batchFirst: true);
        var kernel = KernelOf(gru);
        var input = torch.randn([64, 4, 6]);
        var h0 = torch.rand([64, 512]);
        var threads = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            var one = kernel.Run(input, h0, batchFirst: true).data<float>().ToArray();
            torch.set_num_threads(2);
            var two = kernel.Run(input, h0, batchFirst: true).data<float>().ToArray();
            Assert.Equal(one, two);
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    [Avx2Fact]
    public void Saturated_gates_reach_their_limits_exactly()
    {
        // Weights a thousand times too large drive r, z to 0 or 1 and n to ±1: σ and tanh must return their limits,
        // not NaN from ∞/∞. Preactivations of order 1e3 carry float32 rounding of order 1e-4 (a few terms of 1e3 at
        // 6e-8 each), which a gate caught near its midpoint passes on (slope ≤ 1): 1e-3 against the float64 reference.
        torch.manual_seed(4);
        using var scope = torch.NewDisposeScope();
        var gru = nn.GRU(3, 24, 1, batchFirst: true);
        using (torch.no_grad())
        {
            foreach (var parameter in gru.parameters())
            {
                parameter.mul_(1000);
            }
        }

        var input = torch.randn([4, 6, 3]);
        var h0 = torch.zeros([4, 24]);
        var ours = KernelOf(gru).Run(input, h0, batchFirst: true);
        Assert.True(ours.isfinite().all().item<bool>());
        AssertClose(ReferenceInDouble(gru, input, h0), ours, 1e-3);
    }

    [Avx2Fact]
    public void Load_takes_new_weights_and_wrong_shapes_are_refused_with_their_shapes()
    {
        torch.manual_seed(6);
        using var scope = torch.NewDisposeScope();
        var gru = nn.GRU(5, 16, 1, batchFirst: true);
        var kernel = KernelOf(gru);
        var input = torch.randn([3, 5]);
        var h = torch.rand([3, 16]);
        using (torch.no_grad())
        {
            gru.get_parameter("weight_hh_l0")!.mul_(-0.5);
        }

        kernel.Load(gru.get_parameter("weight_ih_l0")!, gru.get_parameter("weight_hh_l0")!, gru.get_parameter("bias_ih_l0")!, gru.get_parameter("bias_hh_l0")!);
        AssertClose(ReferenceInDouble(gru, input.unsqueeze(1), h).squeeze(1), kernel.Step(input, h), 1e-6);

        var wrongInput = Assert.Throws<ArgumentException>(() => kernel.Step(torch.randn([3, 4]), h));
        Assert.Contains("[batch, 5], not Float32 [3, 4]", wrongInput.Message);
        var wrongRows = Assert.Throws<ArgumentException>(() => kernel.Step(input, torch.rand([2, 16])));
        Assert.Contains("2 rows; the input has 3", wrongRows.Message);
        var wrongType = Assert.Throws<ArgumentException>(() => kernel.Step(input.to(ScalarType.Float64), h));
        Assert.Contains("Float64", wrongType.Message);
        var wrongWeights = Assert.Throws<ArgumentException>(() =>
            kernel.Load(torch.zeros([48, 4]), gru.get_parameter("weight_hh_l0")!, gru.get_parameter("bias_ih_l0")!, gru.get_parameter("bias_hh_l0")!));
        Assert.Contains("weight_ih must be a float32 CPU tensor [48, 5], not Float32 [48, 4]", wrongWeights.Message);
    }

    internal static GruKernel KernelOf(GRU gru) =>
        new(gru.get_parameter("weight_ih_l0")!, gru.get_parameter("weight_hh_l0")!, gru.get_parameter("bias_ih_l0")!, gru.get_parameter("bias_hh_l0")!);

    /// <summary>The module's output for the same input, computed in float64 on a float64 copy of it (input and output
    /// in the module's layout).</summary>
    private static Tensor ReferenceInDouble(GRU gru, Tensor input, Tensor h0, bool batchFirst = true)
    {
        using var noGrad = torch.no_grad();
        using var copy = nn.GRU(input.shape[2], h0.shape[1], 1, batchFirst: batchFirst);
        copy.load_state_dict(gru.state_dict());
        copy.to(ScalarType.Float64);
        var (output, _) = copy.call(input.to(ScalarType.Float64), h0.to(ScalarType.Float64).unsqueeze(0));
        return output;
    }

    private static void AssertClose(Tensor reference, Tensor actual, double tolerance)
    {
        var expected = reference.to(ScalarType.Float64).contiguous().data<double>().ToArray();
        var values = actual.to(ScalarType.Float64).contiguous().data<double>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        var worst = expected.Zip(values, (e, v) => Math.Abs(e - v)).Max();
        Assert.True(worst <= tolerance, $"largest difference {worst:E2} (tolerance {tolerance:E0})");
    }
}
