using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// The gradients a per-step autograd node (<see cref="GruStepFunction"/>) last returned to LibTorch's engine, held until
/// the same cell's next backward step (or its disposal) and freed then.
/// </summary>
/// <remarks>TorchSharp hands a custom function's results to the engine by handle and keeps the managed tensors alive:
/// left in the caller's dispose scope, a backward pass through 100 steps of a 1,024-unit cell would hold 100 weight
/// gradients of 12 MB until the scope ends, each in fresh memory whose pages fault in one by one (measured: 8-9 ms per
/// step on this VM, more than the arithmetic). By the next step of the same backward pass the engine has taken its own
/// references to them, so the managed ones can go.</remarks>
internal sealed class HandedOffGradients : IDisposable
{
    private readonly List<Tensor> _held = [];

    /// <summary>Frees the tensors held so far and holds <paramref name="gradients"/> (nulls skipped) instead, outside
    /// any dispose scope.</summary>
    public void Replace(IEnumerable<Tensor?> gradients)
    {
        Release();
        foreach (var gradient in gradients)
        {
            if (gradient is not null)
            {
                _held.Add(gradient.DetachFromDisposeScope());
            }
        }
    }

    /// <summary>Frees the tensors held.</summary>
    public void Dispose() => Release();

    private void Release()
    {
        foreach (var tensor in _held)
        {
            tensor.Dispose();
        }

        _held.Clear();
    }
}
