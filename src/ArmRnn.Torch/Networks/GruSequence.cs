using ArmRnn.Torch.Networks.Kernels;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// Runs a TorchSharp <see cref="GRU"/> over a sequence with ArmRnn's own kernels where they apply (a one-layer,
/// one-directional GRU with biases on the CPU): forward only (no gradient needed), in float32 on a processor with AVX2
/// and FMA, through <see cref="GruKernel"/> (packed weights, fused gates, no tensors per step); when the GRU's weights
/// are being trained, through a single autograd node whose backward pass computes the weight gradient in a few large
/// matrix products instead of one small product per step (its float32 forward pass is the same kernel). Otherwise
/// through the module itself. All paths compute <c>nn.GRU</c>'s function; they agree to float rounding (tested).
/// </summary>
/// <remarks>
/// The GRU's parameters are used as they are (no copies), so optimiser steps and state-dict loads apply unchanged and
/// the module's state-dict keys stay PyTorch's. On CUDA the module's own (cuDNN) path is always used.
/// <c>docs/benchmarks.md</c> has the measurements. <see cref="ArmNet"/> trains through autograd still (its
/// documented results were measured that way; the quick pipeline scored the same with this path, docs/results.md).
/// </remarks>
public static class GruSequence
{
    /// <summary>Runs <paramref name="gru"/> over <paramref name="input"/> from <paramref name="hidden"/>.</summary>
    /// <param name="gru">The module (its weights are used in place).</param>
    /// <param name="input">The sequence, <c>[batch, time, input]</c> when <paramref name="batchFirst"/>, else
    /// <c>[time, batch, input]</c>; the module must have been created with the same layout.</param>
    /// <param name="hidden">The hidden state before the first step, <c>[layers, batch, hidden]</c>.</param>
    /// <param name="batchFirst">The layout of <paramref name="input"/> and of the output, as the module was created.</param>
    /// <returns>The hidden states after each step (in the input's layout) and the hidden state after the last step
    /// <c>[layers, batch, hidden]</c>, as <c>nn.GRU</c> returns them (on the own-backward path the latter is a view of the
    /// former's last step).</returns>
    /// <exception cref="ArgumentException">The input is not three-dimensional or has no steps.</exception>
    public static (Tensor Output, Tensor Hidden) Run(GRU gru, Tensor input, Tensor hidden, bool batchFirst)
    {
        ArgumentNullException.ThrowIfNull(gru);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(hidden);
        if (input.dim() != 3 || input.shape[batchFirst ? 1 : 0] == 0)
        {
            throw new ArgumentException(
                $"The GRU's input must be [{(batchFirst ? "batch, time" : "time, batch")}, input] with at least one step, not [{string.Join(", ", input.shape)}].",
                nameof(input));
        }

        if (UsesOwnKernel(gru, input, hidden))
        {
            using var kernelScope = torch.NewDisposeScope();
            var kernel = new GruKernel(gru.get_parameter("weight_ih_l0")!, gru.get_parameter("weight_hh_l0")!,
                gru.get_parameter("bias_ih_l0")!, gru.get_parameter("bias_hh_l0")!);
            var states = kernel.Run(input, hidden.select(0, 0), batchFirst);
            var final = states.select(batchFirst ? 1 : 0, input.shape[batchFirst ? 1 : 0] - 1).unsqueeze(0);
            return (states.MoveToOuterDisposeScope(), final.MoveToOuterDisposeScope());
        }

        if (!UsesOwnBackward(gru, input, hidden))
        {
            return gru.call(input, hidden);
        }

        using var scope = torch.NewDisposeScope();
        var results = GruSequenceFunction.apply(input, hidden.select(0, 0), gru.get_parameter("weight_ih_l0")!,
            gru.get_parameter("weight_hh_l0")!, gru.get_parameter("bias_ih_l0")!, gru.get_parameter("bias_hh_l0")!, batchFirst);
        var output = results[0];
        var last = output.select(batchFirst ? 1 : 0, input.shape[batchFirst ? 1 : 0] - 1).unsqueeze(0);
        return (output.MoveToOuterDisposeScope(), last.MoveToOuterDisposeScope());
    }

    /// <summary>Whether <see cref="Run"/> takes <see cref="GruSequenceFunction"/> for these arguments: gradients on,
    /// the CPU, one layer, one direction, biases, trainable weights of the input's type.</summary>
    internal static bool UsesOwnBackward(GRU gru, Tensor input, Tensor hidden)
    {
        var weightIh = gru.get_parameter("weight_ih_l0");
        return torch.is_grad_enabled()
            && weightIh is not null && weightIh.requires_grad
            && IsPlainCpuGru(gru, input, hidden);
    }

    /// <summary>Whether <see cref="Run"/> takes the forward-only <see cref="GruKernel"/>: no gradient needed (gradients
    /// off, or neither the input, the hidden state nor a weight requires one), float32 on a CPU with AVX2 and FMA, one
    /// layer, one direction, biases.</summary>
    internal static bool UsesOwnKernel(GRU gru, Tensor input, Tensor hidden)
    {
        var weightHh = gru.get_parameter("weight_hh_l0");
        return weightHh is not null && GruKernel.Applies(input) && GruKernel.Applies(hidden) && GruKernel.Applies(weightHh)
            && !(torch.is_grad_enabled() && (input.requires_grad || hidden.requires_grad || gru.parameters().Any(p => p.requires_grad)))
            && IsPlainCpuGru(gru, input, hidden);
    }

    /// <summary>A one-layer, one-directional GRU with biases, on the CPU, with inputs of its weights' type.</summary>
    private static bool IsPlainCpuGru(GRU gru, Tensor input, Tensor hidden)
    {
        var weightIh = gru.get_parameter("weight_ih_l0");
        return input.device_type == DeviceType.CPU
            && weightIh is not null && input.dtype == weightIh.dtype
            && gru.get_parameter("weight_hh_l0") is not null
            && gru.get_parameter("bias_ih_l0") is not null
            && gru.get_parameter("bias_hh_l0") is not null
            && gru.get_parameter("weight_ih_l1") is null
            && gru.get_parameter("weight_ih_l0_reverse") is null
            && hidden.dim() == 3 && hidden.shape[0] == 1;
    }
}
