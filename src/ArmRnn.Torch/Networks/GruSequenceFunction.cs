using ArmRnn.Torch.Networks.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// A one-layer GRU over a whole sequence as a single autograd node, with PyTorch's gate equations
/// (<c>r = σ(W_ir x + b_ir + W_hr h + b_hr)</c>, <c>z</c> likewise, <c>n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))</c>,
/// <c>h' = (1 − z) ⊙ n + z ⊙ h</c>) and a hand-written backward pass.
/// </summary>
/// <remarks>
/// <para>Why: autograd over <c>nn.GRU</c> on the CPU computes the weight gradient once per step, a product whose inner
/// dimension is the batch (at most 128 here) followed by an accumulation of a whole weight-sized tensor, and both run
/// far below the processor's matrix-multiply rate. This backward pass walks the steps once for the hidden-state
/// gradients and collects the gate gradients of consecutive steps in a buffer of about 1,024 rows, so the weight
/// gradient is a few products with an inner dimension of about 1,024 instead. The forward pass computes the same
/// equations as <c>nn.GRU</c>, in float32 on a processor with AVX2 and FMA through <see cref="GruKernel"/> (bit for bit
/// the forward-only path's results), otherwise in LibTorch operations; results agree with <c>nn.GRU</c> to float
/// rounding (tested), not bit for bit.</para>
/// <para>Inputs, in order: the input sequence (<c>[batch, time, input]</c> when batch-first, else <c>[time, batch,
/// input]</c>), the initial hidden state <c>[batch, hidden]</c>, <c>weight_ih</c>, <c>weight_hh</c>, <c>bias_ih</c>,
/// <c>bias_hh</c>, and the layout (a <see cref="bool"/>, true for batch-first). One output: the hidden states after each
/// step in the input's layout. The last hidden state is a view of it, so a loss of either gets a defined gradient
/// here (a second output that the loss ignored would arrive undefined, and TorchSharp 0.107's zero-filling for that
/// case reads shape templates the caller's dispose scope has already freed).</para>
/// <para>Intermediates stay per step (a few <c>[batch, hidden]</c> tensors), never one tensor per sequence: on Linux a
/// tensor above 32 MB is a fresh memory mapping whose pages fault in one by one, which on a virtual machine costs
/// more than the arithmetic. Stateless: TorchSharp keeps one shared instance per function type.</para>
/// </remarks>
internal sealed class GruSequenceFunction : torch.autograd.MultiTensorFunction<GruSequenceFunction>
{
    /// <summary>Rows of gate gradients gathered before each weight-gradient product.</summary>
    private const long WeightGradientRows = 1024;

    /// <summary>Saved tensors before the per-step ones: input, initial hidden, the two weight matrices, the output.</summary>
    private const int LeadingSaved = 5;

    /// <summary>Saved tensors per step: the r and z gates <c>[batch, 2·hidden]</c>, the candidate n, the recurrent
    /// candidate term <c>W_hn h + b_hn</c> (through <see cref="GruKernel"/>: all three recurrent terms
    /// <c>[batch, 3·hidden]</c>, as <see cref="GruStepRecord"/> has them), and <c>h − n</c>.</summary>
    private const int SavedPerStep = 4;

    /// <inheritdoc />
    public override string Name => nameof(GruSequenceFunction);

    /// <inheritdoc />
    public override List<Tensor> forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var h0 = (Tensor)vars[1];
        var weightIh = (Tensor)vars[2];
        var weightHh = (Tensor)vars[3];
        var biasIh = (Tensor)vars[4];
        var biasHh = (Tensor)vars[5];
        var batchFirst = (bool)vars[6];
        ctx.save_data("input", input.requires_grad);
        ctx.save_data("hidden", h0.requires_grad);
        ctx.save_data("weights", weightIh.requires_grad || weightHh.requires_grad || biasIh.requires_grad || biasHh.requires_grad);
        ctx.save_data("batchFirst", batchFirst);

        using var scope = torch.NewDisposeScope();
        var timeMajor = batchFirst ? input.transpose(0, 1) : input;
        var steps = timeMajor.shape[0];
        var saved = new List<Tensor>(LeadingSaved + (SavedPerStep * (int)steps)) { input, h0, weightIh, weightHh };
        var kernel = GruKernel.Applies(input) && GruKernel.Applies(h0) && GruKernel.Applies(weightHh)
            ? new GruKernel(weightIh, weightHh, biasIh, biasHh)
            : null;
        ctx.save_data("kernel", kernel!);
        var output = kernel is not null
            ? ForwardWithKernel(kernel, input, h0, batchFirst, saved)
            : ForwardWithTensors(timeMajor, h0, weightIh, weightHh, biasIh, biasHh, batchFirst, saved);
        saved.Insert(LeadingSaved - 1, output);

        // Only what this scope made moves out (to the caller's scope, which disposes the wrappers; the autograd node
        // keeps its own references); the inputs stay with their owners.
        foreach (var tensor in saved.Skip(LeadingSaved - 1))
        {
            tensor.MoveToOuterDisposeScope();
        }

        ctx.save_for_backward(saved);
        return [output];
    }

    /// <summary>The forward pass in LibTorch operations (any type and device the function accepts): the input terms of
    /// all steps in one product, the recurrent ones per step.</summary>
    private static Tensor ForwardWithTensors(Tensor timeMajor, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh,
        bool batchFirst, List<Tensor> saved)
    {
        long steps = timeMajor.shape[0], batch = timeMajor.shape[1], inputs = timeMajor.shape[2], hidden = h0.shape[1];
        var inputGates = torch.addmm(biasIh, timeMajor.reshape(steps * batch, inputs), weightIh.t(), 1, 1)
            .view(steps, batch, 3 * hidden).unbind(0);
        var weightHhT = weightHh.t();
        var outputs = new Tensor[steps];
        var h = h0;
        for (var t = 0; t < steps; t++)
        {
            var hiddenGates = torch.addmm(biasHh, h, weightHhT, 1, 1);
            var gates = inputGates[t];
            var rz = gates.narrow(1, 0, 2 * hidden).add(hiddenGates.narrow(1, 0, 2 * hidden)).sigmoid_();
            var recurrentCandidate = hiddenGates.narrow(1, 2 * hidden, hidden);
            var n = torch.addcmul(gates.narrow(1, 2 * hidden, hidden), rz.narrow(1, 0, hidden), recurrentCandidate, 1).tanh_();
            var difference = h.sub(n);
            h = torch.addcmul(n, rz.narrow(1, hidden, hidden), difference, 1);
            outputs[t] = h;
            saved.Add(rz);
            saved.Add(n);
            saved.Add(recurrentCandidate);
            saved.Add(difference);
        }

        return torch.stack(outputs, batchFirst ? 1 : 0);
    }

    /// <summary>One step of the backward pass for a forward pass through <see cref="GruKernel"/>, as the step cell's
    /// (<see cref="GruKernel.StepBack"/>; its gate gradients are the same arithmetic as the LibTorch operations of the
    /// other path): the gate gradients into <paramref name="gateGradients"/> and <paramref name="candidateGradients"/>,
    /// and the previous hidden state's gradient <c>g ⊙ z + dG_h · W_hh</c>.</summary>
    /// <returns>The gradient with respect to the step's previous hidden state (a new tensor in the caller's scope).</returns>
    private static unsafe Tensor StepBackWithKernel(GruKernel kernel, IList<Tensor> saved, int offset, Tensor outputGradient, Tensor dh,
        Tensor gateGradients, Tensor inputGateScratch, Tensor candidateGradients)
    {
        var record = new GruStepRecord(GruKernel.Address(saved[offset + 2]), GruKernel.Address(saved[offset]), GruKernel.Address(saved[offset + 1]),
            GruKernel.Address(saved[offset + 3]));
        var (rows, hidden) = ((int)dh.shape[0], kernel.Hidden);
        var threads = torch.get_num_threads();
        using var gradient = outputGradient.add(dh);
        var previous = torch.empty([rows, hidden], ScalarType.Float32);
        kernel.StepBack(rows, GruKernel.Address(gradient), record, GruKernel.Address(inputGateScratch), GruKernel.Address(gateGradients),
            GruKernel.Address(previous), throughWeights: true, threads);
        using (var candidate = inputGateScratch.narrow(1, 2 * hidden, hidden))
        {
            candidateGradients.copy_(candidate);
        }

        return previous;
    }

    /// <summary>The forward pass through <see cref="GruKernel"/> (float32 on the CPU): each step writes its hidden
    /// state straight into the output and its gates into the tensors saved for the backward pass.</summary>
    private static unsafe Tensor ForwardWithKernel(GruKernel kernel, Tensor input, Tensor h0, bool batchFirst, List<Tensor> saved)
    {
        long steps = input.shape[batchFirst ? 1 : 0], batch = h0.shape[0], hidden = h0.shape[1];
        var output = torch.empty(batchFirst ? [batch, steps, hidden] : [steps, batch, hidden], ScalarType.Float32);
        kernel.Run(GruKernel.Address(input.detach().contiguous()), GruKernel.Address(h0.detach().contiguous()), GruKernel.Address(output),
            steps, (int)batch, batchFirst, _ =>
            {
                var rz = torch.empty([batch, 2 * hidden], ScalarType.Float32);
                var n = torch.empty([batch, hidden], ScalarType.Float32);
                var hiddenGates = torch.empty([batch, 3 * hidden], ScalarType.Float32);
                var difference = torch.empty([batch, hidden], ScalarType.Float32);
                saved.Add(rz);
                saved.Add(n);
                saved.Add(hiddenGates);
                saved.Add(difference);
                return new GruStepRecord(GruKernel.Address(hiddenGates), GruKernel.Address(rz), GruKernel.Address(n), GruKernel.Address(difference));
            });
        return output;
    }

    /// <inheritdoc />
    /// <remarks>One entry per argument of <see cref="forward"/>, null where no gradient was asked for and for the layout
    /// flag.</remarks>
    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, List<Tensor> grad_outputs)
    {
        using var scope = torch.NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var (input, h0, weightIh, weightHh, output) = (saved[0], saved[1], saved[2], saved[3], saved[4]);
        var needInput = (bool)ctx.get_data("input");
        var needHidden = (bool)ctx.get_data("hidden");
        var needWeights = (bool)ctx.get_data("weights");
        var batchFirst = (bool)ctx.get_data("batchFirst");
        var timeDim = batchFirst ? 1 : 0;
        long steps = input.shape[timeDim], batch = h0.shape[0], inputs = input.shape[2], hidden = h0.shape[1];

        var outputGradients = grad_outputs[0].unbind(timeDim);
        var dh = torch.zeros_like(h0);
        var chunk = Math.Clamp(WeightGradientRows / batch, 1, steps);
        var (dtype, device) = (input.dtype, input.device);
        var gateGradients = torch.empty([chunk, batch, 3 * hidden], dtype, device);
        var candidateGradients = torch.empty([chunk, batch, hidden], dtype, device);
        var gateSlots = gateGradients.unbind(0);
        var candidateSlots = candidateGradients.unbind(0);
        var dWeightIh = needWeights ? torch.zeros_like(weightIh) : null;
        var dWeightHh = needWeights ? torch.zeros_like(weightHh) : null;
        var dBiasIh = needWeights ? torch.zeros([3 * hidden], dtype, device) : null;
        var dBiasHh = needWeights ? torch.zeros([3 * hidden], dtype, device) : null;
        var dInput = needInput ? torch.empty(input.shape, dtype, device) : null;

        var kernel = (GruKernel?)ctx.get_data("kernel");
        var inputGateScratch = kernel is null ? null : torch.empty([batch, 3 * hidden], dtype, device);
        var chunkEnd = steps;
        for (var t = steps - 1; t >= 0; t--)
        {
            var chunkStart = Math.Max(0, chunkEnd - chunk);
            var slot = t - chunkStart;
            if (kernel is not null)
            {
                var next = StepBackWithKernel(kernel, saved, LeadingSaved + (SavedPerStep * (int)t), outputGradients[t], dh, gateSlots[slot],
                    inputGateScratch!, candidateSlots[slot]);
                dh.Dispose();
                dh = next;
            }
            else
            {
                using var stepScope = torch.NewDisposeScope();
                var offset = LeadingSaved + (SavedPerStep * (int)t);
                var (rz, n, recurrentCandidate, difference) = (saved[offset], saved[offset + 1], saved[offset + 2], saved[offset + 3]);
                var r = rz.narrow(1, 0, hidden);
                var z = rz.narrow(1, hidden, hidden);
                // With g = dL/dh' (from this step's output and from the next step): dL/dn = g(1 − z), through tanh
                // dL/dn_pre = g(1 − z)(1 − n²); dL/dz_pre = g(h − n) z(1 − z); dL/dr_pre = dL/dn_pre (W_hn h + b_hn)
                // r(1 − r); the recurrent candidate term gets dL/dn_pre · r; and dL/dh = g z + dG_h · W_hh.
                var dOut = outputGradients[t].add(dh);
                var throughZ = dOut.mul(z);
                var dCandidate = dOut.sub(throughZ).mul_(n.mul(n).neg_().add_(1));
                var dGates = gateSlots[slot];
                dGates.narrow(1, 0, hidden).copy_(dCandidate).mul_(recurrentCandidate).mul_(r.mul(r).neg_().add_(r));
                dGates.narrow(1, hidden, hidden).copy_(dOut).mul_(difference).mul_(z.mul(z).neg_().add_(z));
                dGates.narrow(1, 2 * hidden, hidden).copy_(dCandidate).mul_(r);
                candidateSlots[slot].copy_(dCandidate);
                dh = torch.addmm(throughZ, dGates, weightHh, 1, 1).MoveToOuterDisposeScope();
            }

            if (t == chunkStart)
            {
                AccumulateChunk(chunkStart, chunkEnd - chunkStart);
                chunkEnd = chunkStart;
            }
        }

        List<Tensor> result = [dInput!, needHidden ? dh : null!, dWeightIh!, dWeightHh!, dBiasIh!, dBiasHh!, null!];
        foreach (var tensor in result)
        {
            tensor?.MoveToOuterDisposeScope();
        }

        return result;

        // The weight and input gradients of steps [start, start + length), from the gate gradients in the buffers.
        void AccumulateChunk(long start, long length)
        {
            using var chunkScope = torch.NewDisposeScope();
            var dGates = gateGradients.narrow(0, 0, length).view(length * batch, 3 * hidden);
            var dCandidates = candidateGradients.narrow(0, 0, length).view(length * batch, hidden);
            var dRz = dGates.narrow(1, 0, 2 * hidden);
            if (dWeightIh is not null && dWeightHh is not null && dBiasIh is not null && dBiasHh is not null)
            {
                var x = TimeMajorRows(input, start, length);
                if (start == 0)
                {
                    // The first step's previous hidden state is h0, not a row of the output.
                    dWeightHh.addmm_(dGates.narrow(0, 0, batch).t(), h0, 1, 1);
                    if (length > 1)
                    {
                        dWeightHh.addmm_(dGates.narrow(0, batch, (length - 1) * batch).t(), TimeMajorRows(output, 0, length - 1), 1, 1);
                    }
                }
                else
                {
                    dWeightHh.addmm_(dGates.t(), TimeMajorRows(output, start - 1, length), 1, 1);
                }

                dBiasHh.add_(dGates.sum(0L));
                dBiasIh.narrow(0, 0, 2 * hidden).add_(dRz.sum(0L));
                dBiasIh.narrow(0, 2 * hidden, hidden).add_(dCandidates.sum(0L));
                dWeightIh.narrow(0, 0, 2 * hidden).addmm_(dRz.t(), x, 1, 1);
                dWeightIh.narrow(0, 2 * hidden, hidden).addmm_(dCandidates.t(), x, 1, 1);
            }

            if (dInput is not null)
            {
                var rows = torch.mm(dRz, weightIh.narrow(0, 0, 2 * hidden))
                    .addmm_(dCandidates, weightIh.narrow(0, 2 * hidden, hidden), 1, 1)
                    .view(length, batch, inputs);
                TimeMajorSteps(dInput, start, length).copy_(rows);
            }
        }

        // Steps [start, start + length) of a sequence tensor, [length, batch, features] (a view).
        Tensor TimeMajorSteps(Tensor sequence, long start, long length) =>
            batchFirst ? sequence.narrow(1, start, length).transpose(0, 1) : sequence.narrow(0, start, length);

        // The same steps as [length * batch, features] rows in time-major order.
        Tensor TimeMajorRows(Tensor sequence, long start, long length) =>
            TimeMajorSteps(sequence, start, length).reshape(length * batch, sequence.shape[2]);
    }
}
