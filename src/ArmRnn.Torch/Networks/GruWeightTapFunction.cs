using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// The autograd node through which a <see cref="GruStepCell"/>'s per-step nodes reach the GRU's weights: its forward
/// pass takes the four parameters and returns a one-element tensor that every step node takes as an input in their
/// place; its backward pass, which LibTorch's engine runs only after every step node of the pass that reaches it, hands
/// the weight gradients the steps gathered (<see cref="StepWeightGradients"/>) to the parameters in one piece.
/// </summary>
/// <remarks>The steps' gradient for the tap's output (float64, exact for any count) is their row count, so the incoming
/// gradient says how many rows the pass computed. Inputs, in order: <c>weight_ih</c>, <c>weight_hh</c>, <c>bias_ih</c>,
/// <c>bias_hh</c>, the <see cref="StepWeightGradients"/>, the <see cref="HandedOffGradients"/> that frees the results at
/// the next pass, and the tap's number in its cell (a <see cref="long"/>). Stateless: TorchSharp keeps one shared
/// instance per function type.</remarks>
internal sealed class GruWeightTapFunction : torch.autograd.MultiTensorFunction<GruWeightTapFunction>
{
    /// <inheritdoc />
    public override string Name => nameof(GruWeightTapFunction);

    /// <inheritdoc />
    public override List<Tensor> forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        ctx.save_data("rows", (StepWeightGradients)vars[4]);
        ctx.save_data("handOff", (HandedOffGradients)vars[5]);
        ctx.save_data("tap", (long)vars[6]);
        return [torch.zeros(1, ScalarType.Float64)];
    }

    /// <inheritdoc />
    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, List<Tensor> grad_outputs)
    {
        var rows = (StepWeightGradients)ctx.get_data("rows");
        var received = (long)Math.Round(grad_outputs[0].item<double>());
        List<Tensor> result = [.. rows.Drain((long)ctx.get_data("tap"), received, torch.get_num_threads()), null!, null!, null!];
        ((HandedOffGradients)ctx.get_data("handOff")).Replace(result);
        foreach (var incoming in grad_outputs)
        {
            incoming?.Dispose();
        }

        return result;
    }
}
