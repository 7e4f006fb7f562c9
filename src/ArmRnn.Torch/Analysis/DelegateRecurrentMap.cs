using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>A recurrent map given by a function of the states, e.g. <c>h => torch.tanh(2 * h)</c> or a
/// <c>GRUCell</c> called with a constant input.</summary>
public sealed class DelegateRecurrentMap : IRecurrentMap
{
    private readonly Func<Tensor, Tensor> _step;

    /// <summary>Creates the map.</summary>
    /// <param name="stateSize">The state length n.</param>
    /// <param name="step">Maps states <c>[batch, n]</c> to next states <c>[batch, n]</c>, differentiably.</param>
    /// <param name="dt">The time step (s) of one application (1 for a map without a physical time).</param>
    /// <param name="device">The device; the CPU when null.</param>
    /// <param name="dtype">The element type of the states (default float32).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stateSize"/> or <paramref name="dt"/> is not
    /// positive.</exception>
    public DelegateRecurrentMap(int stateSize, Func<Tensor, Tensor> step, double dt = 1.0, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stateSize, 1);
        ArgumentNullException.ThrowIfNull(step);
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The time step must be a positive, finite number of seconds.");
        }

        StateSize = stateSize;
        _step = step;
        Dt = dt;
        Device = device ?? TorchSharp.torch.CPU;
        DType = dtype;
    }

    /// <inheritdoc />
    public int StateSize { get; }

    /// <inheritdoc />
    public double Dt { get; }

    /// <inheritdoc />
    public Device Device { get; }

    /// <inheritdoc />
    public ScalarType DType { get; }

    /// <inheritdoc />
    public Tensor Step(Tensor states)
    {
        ArgumentNullException.ThrowIfNull(states);
        return _step(states);
    }
}
