using ArmRnn.Torch.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>Losses over runs of a <see cref="GruStepCell"/>, for the tests of its backward pass.</summary>
internal static class SteppedLosses
{
    /// <summary>The sum over <paramref name="steps"/> steps of the same input, from <paramref name="h0"/>, of the mean
    /// square of each step's hidden state.</summary>
    public static Tensor OfEveryState(GruStepCell cell, Tensor input, Tensor h0, int steps)
    {
        var h = h0;
        var loss = torch.zeros(1);
        for (var t = 0; t < steps; t++)
        {
            h = cell.Step(input, h);
            loss = loss + h.square().mean();
        }

        return loss;
    }
}
