using ArmRnn.Torch.Networks.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// One step of a one-layer GRU as a single autograd node for <see cref="GruStepCell"/> when gradients are needed, in
/// float32 on a CPU with AVX2 and FMA: the forward pass through the cell's <see cref="GruKernel"/> (its gates recorded),
/// the backward pass's element-wise part in one pass (<see cref="GruGateGradients"/>) and its two large products,
/// <c>dG · W_hh</c> and <c>dGᵀ · h</c>, through ArmRnn's own <see cref="MatrixProduct"/>.
/// </summary>
/// <remarks>
/// <para>Why: stepped under autograd, LibTorch's <c>GRUCell</c> is about twenty nodes per step, and its backward products
/// go through the MKL bundled with LibTorch, which on this repository's AMD processor runs the step's shapes at about
/// half of OpenBLAS's rate (docs/benchmarks.md). The gradients are the same equations as <see cref="GruSequenceFunction"/>'s
/// (tested against autograd through <c>nn.GRU</c> in float64).</para>
/// <para>Inputs, in order: the step's input <c>[batch, input]</c>, the hidden state <c>[batch, hidden]</c>, <c>weight_ih</c>,
/// <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c>, the <see cref="GruKernel"/> holding those weights packed (the
/// caller vouches that it does: <see cref="GruStepCell"/> packs them at <see cref="GruStepCell.Bind"/>) and the
/// <see cref="HandedOffGradients"/> that frees each backward step's results at the next. One output: the new hidden
/// state. Stateless: TorchSharp keeps one shared instance per function type.</para>
/// </remarks>
internal sealed class GruStepFunction : torch.autograd.MultiTensorFunction<GruStepFunction>
{
    /// <inheritdoc />
    public override string Name => nameof(GruStepFunction);

    /// <inheritdoc />
    public override unsafe List<Tensor> forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var hidden = (Tensor)vars[1];
        var weightIh = (Tensor)vars[2];
        var kernel = (GruKernel)vars[6];
        ctx.save_data("input", input.requires_grad);
        ctx.save_data("hidden", hidden.requires_grad);
        ctx.save_data("weights", Enumerable.Range(2, 4).Any(i => ((Tensor)vars[i]).requires_grad));
        ctx.save_data("kernel", kernel);
        ctx.save_data("handOff", (HandedOffGradients)vars[7]);

        using var scope = torch.NewDisposeScope();
        var (rows, units) = (hidden.shape[0], hidden.shape[1]);
        var x = input.detach().contiguous();
        var h = hidden.detach().contiguous();
        var next = torch.empty([rows, units], ScalarType.Float32);
        var rz = torch.empty([rows, 2 * units], ScalarType.Float32);
        var candidate = torch.empty([rows, units], ScalarType.Float32);
        var recurrentTerms = torch.empty([rows, 3 * units], ScalarType.Float32);
        var difference = torch.empty([rows, units], ScalarType.Float32);
        kernel.Advance((int)rows, GruKernel.Address(x), kernel.Inputs, GruKernel.Address(h), kernel.Hidden, GruKernel.Address(next), kernel.Hidden,
            GruKernel.Address(recurrentTerms), GruKernel.Address(rz), GruKernel.Address(candidate), GruKernel.Address(difference));
        List<Tensor> saved = [x, h, weightIh, rz, candidate, recurrentTerms, difference];

        // What this scope made moves out (to the caller's scope, which disposes the wrappers; the node keeps its own
        // references); the weight stays with its owner.
        foreach (var tensor in saved.Where(t => !ReferenceEquals(t, weightIh)).Append(next))
        {
            tensor.MoveToOuterDisposeScope();
        }

        ctx.save_for_backward(saved);
        return [next];
    }

    /// <inheritdoc />
    /// <remarks>One entry per argument of <see cref="forward"/>, null where no gradient was asked for and for the
    /// kernel and the hand-off. The results stay with the hand-off, not in the caller's dispose scope.</remarks>
    public override unsafe List<Tensor> backward(torch.autograd.AutogradContext ctx, List<Tensor> grad_outputs)
    {
        using var scope = torch.NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var (x, h, weightIh) = (saved[0], saved[1], saved[2]);
        var record = new GruStepRecord(GruKernel.Address(saved[5]), GruKernel.Address(saved[3]), GruKernel.Address(saved[4]), GruKernel.Address(saved[6]));
        var kernel = (GruKernel)ctx.get_data("kernel");
        var needInput = (bool)ctx.get_data("input");
        var needHidden = (bool)ctx.get_data("hidden");
        var needWeights = (bool)ctx.get_data("weights");
        var (rows, units) = ((int)h.shape[0], kernel.Hidden);
        var threads = torch.get_num_threads();

        var gradient = grad_outputs[0].contiguous();
        var inputGates = torch.empty([rows, 3 * units], ScalarType.Float32);
        var recurrentGates = torch.empty([rows, 3 * units], ScalarType.Float32);
        var dh = torch.empty([rows, units], ScalarType.Float32);
        GruGateGradients.Compute(rows, units, GruKernel.Address(gradient), record, GruKernel.Address(inputGates), GruKernel.Address(recurrentGates),
            GruKernel.Address(dh), threads);

        Tensor? dInput = null, dWeightIh = null, dWeightHh = null, dBiasIh = null, dBiasHh = null;
        if (needHidden)
        {
            MatrixProduct.Multiply(rows, GruKernel.Address(recurrentGates), 3 * units, kernel.HiddenWeightsForBackward, null,
                GruKernel.Address(dh), units, accumulate: true, threads);
        }

        if (needWeights)
        {
            dWeightHh = torch.empty([3 * units, units], ScalarType.Float32);
            var states = kernel.PackStates(GruKernel.Floats(h, [rows, units], "hidden state"), rows);
            MatrixProduct.MultiplyTransposedA(3 * units, GruKernel.Address(recurrentGates), 3 * units, states, null,
                GruKernel.Address(dWeightHh), units, accumulate: false, threads);
            dWeightIh = torch.mm(inputGates.t(), x);
            // The bias gradients are the gate gradients summed over the batch: r and z are the same for both biases.
            dBiasHh = torch.zeros([3 * units], ScalarType.Float32);
            dBiasIh = torch.zeros([3 * units], ScalarType.Float32);
            GruGateGradients.AddRows(rows, 3 * units, GruKernel.Address(recurrentGates), 3 * units, GruKernel.Address(dBiasHh));
            dBiasIh.narrow(0, 0, 2 * units).copy_(dBiasHh.narrow(0, 0, 2 * units));
            GruGateGradients.AddRows(rows, units, GruKernel.Address(inputGates) + (2 * units), 3 * units, GruKernel.Address(dBiasIh) + (2 * units));
        }

        if (needInput)
        {
            dInput = torch.mm(inputGates, weightIh);
        }

        List<Tensor> result = [dInput!, needHidden ? dh : null!, dWeightIh!, dWeightHh!, dBiasIh!, dBiasHh!, null!, null!];
        ((HandedOffGradients)ctx.get_data("handOff")).Replace(result);

        // TorchSharp wrapped the incoming gradient in the caller's dispose scope, which would keep one per step alive
        // until the whole backward pass is over; nothing reads it after this.
        foreach (var incoming in grad_outputs)
        {
            incoming?.Dispose();
        }

        return result;
    }
}
