using ArmRnn.Torch.Networks.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// One step of a one-layer GRU as a single autograd node for <see cref="GruStepCell"/> when gradients are needed, in
/// float32 on a CPU with AVX2 and FMA: the forward pass through the cell's <see cref="GruKernel"/> (its gates recorded);
/// backward, the element-wise part in one pass (<see cref="GruGateGradients"/>), the hidden-state and input gradients
/// <c>dG · W_hh</c> and <c>dG · W_ih</c> through ArmRnn's own <see cref="MatrixProduct"/>, and the rows the weight
/// gradients need kept in the cell's <see cref="StepWeightGradients"/>, which <see cref="GruWeightTapFunction"/> turns
/// into the weights' gradients once per backward pass.
/// </summary>
/// <remarks>
/// <para>Why: stepped under autograd, LibTorch's <c>GRUCell</c> is about twenty nodes per step, its backward products go
/// through the MKL bundled with LibTorch, which on this repository's AMD processor runs the step's shapes at about half
/// of OpenBLAS's rate (docs/benchmarks.md), and each step's weight gradient is a shallow product that LibTorch's engine
/// then adds into a running sum. The gradients are the same equations as <see cref="GruSequenceFunction"/>'s (tested
/// against autograd through <c>nn.GRU</c> in float64).</para>
/// <para>Inputs, in order: the step's input <c>[batch, input]</c>, the hidden state <c>[batch, hidden]</c>, the cell's
/// weight tap (the output of <see cref="GruWeightTapFunction"/>, or null when no weight needs a gradient), the
/// <see cref="GruKernel"/> holding the weights packed (the caller vouches that it does: <see cref="GruStepCell"/> packs
/// them at <see cref="GruStepCell.Bind"/>), the cell's <see cref="StepWeightGradients"/>, the
/// <see cref="HandedOffGradients"/> that frees each backward step's results at the next, the step's creation number in
/// its cell and the tap's number in its cell (two <see cref="long"/>s). One output: the new hidden state. Stateless:
/// TorchSharp keeps one shared instance per function type.</para>
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
        var kernel = (GruKernel)vars[3];
        ctx.save_data("input", input.requires_grad);
        ctx.save_data("hidden", hidden.requires_grad);
        ctx.save_data("kernel", kernel);
        ctx.save_data("rows", (StepWeightGradients)vars[4]);
        ctx.save_data("handOff", (HandedOffGradients)vars[5]);
        ctx.save_data("step", (long)vars[6]);
        ctx.save_data("tap", vars[2] is Tensor ? (long)vars[7] : -1L); // -1: no weight needs a gradient

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
        List<Tensor> saved = [x, h, rz, candidate, recurrentTerms, difference];

        // What this scope made moves out (to the caller's scope, which disposes the wrappers; the node keeps its own
        // references).
        foreach (var tensor in saved.Append(next))
        {
            tensor.MoveToOuterDisposeScope();
        }

        ctx.save_for_backward(saved);
        return [next];
    }

    /// <inheritdoc />
    /// <remarks>One entry per argument of <see cref="forward"/>: the input and hidden-state gradients where asked for,
    /// the row count for the weight tap, null for the rest. The results stay with the hand-off, not in the caller's
    /// dispose scope.</remarks>
    public override unsafe List<Tensor> backward(torch.autograd.AutogradContext ctx, List<Tensor> grad_outputs)
    {
        using var scope = torch.NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var (x, h) = (saved[0], saved[1]);
        var record = new GruStepRecord(GruKernel.Address(saved[4]), GruKernel.Address(saved[2]), GruKernel.Address(saved[3]), GruKernel.Address(saved[5]));
        var kernel = (GruKernel)ctx.get_data("kernel");
        var weightRows = (StepWeightGradients)ctx.get_data("rows");
        var step = (long)ctx.get_data("step");
        var tap = (long)ctx.get_data("tap");
        var needInput = (bool)ctx.get_data("input");
        var needHidden = (bool)ctx.get_data("hidden");
        var (rows, units) = ((int)h.shape[0], kernel.Hidden);
        var threads = torch.get_num_threads();

        var gradient = grad_outputs[0].contiguous();
        var dh = torch.empty([rows, units], ScalarType.Float32);
        var (recurrentGates, inputGates) = weightRows.Reserve(tap, step, rows, threads);
        kernel.StepBack(rows, GruKernel.Address(gradient), record, (float*)inputGates, (float*)recurrentGates, GruKernel.Address(dh), needHidden, threads);

        Tensor? dInput = null, dTap = null;

        if (needInput)
        {
            dInput = torch.empty([rows, kernel.Inputs], ScalarType.Float32);
            MatrixProduct.Multiply(rows, (float*)inputGates, 3 * units, kernel.InputWeightsForBackward, null, GruKernel.Address(dInput), kernel.Inputs,
                accumulate: false, threads);
        }

        if (tap >= 0)
        {
            weightRows.Commit(tap, step, rows, GruKernel.Address(x), GruKernel.Address(h));
            dTap = torch.full([1], (double)rows, ScalarType.Float64);
        }

        List<Tensor> result = [dInput!, needHidden ? dh : null!, dTap!, null!, null!, null!, null!, null!];
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
