using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// A discrete-time recurrent system with its input held constant: <c>h' = F(h)</c>. Fixed points (<c>F(h) = h</c>)
/// and slow points of such maps are what <see cref="FixedPointFinder"/> looks for.
/// </summary>
/// <remarks>
/// Implementations must be differentiable with TorchSharp's autograd (gradients flow from the output to the input
/// states), deterministic, and must not keep references to the states they are given.
/// <see cref="DelegateRecurrentMap"/> wraps any function (a plain <c>tanh</c> map, a <c>GRUCell</c>),
/// <see cref="ControllerCellMap"/> is a ControllerNet's GRU with its inputs clamped, and
/// <see cref="ClosedLoopMap"/> is a ControllerNet driving an ArmNet as one recurrent system.
/// </remarks>
public interface IRecurrentMap
{
    /// <summary>The length n of the state vector.</summary>
    int StateSize { get; }

    /// <summary>The time step (s) of one application of the map, used for continuous-time eigenvalues
    /// <c>log(λ) / Dt</c>.</summary>
    double Dt { get; }

    /// <summary>The device the map computes on.</summary>
    Device Device { get; }

    /// <summary>The element type of the states (float32 for the networks).</summary>
    ScalarType DType { get; }

    /// <summary>Applies the map to a batch of states.</summary>
    /// <param name="states">States <c>[batch, StateSize]</c> on <see cref="Device"/>, of type <see cref="DType"/>.</param>
    /// <returns>The next states <c>[batch, StateSize]</c> (a new tensor; the caller disposes it).</returns>
    Tensor Step(Tensor states);
}
