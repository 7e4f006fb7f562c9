using ArmRnn.Torch.Networks.Kernels;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// One step of a one-layer <see cref="GRU"/>, for per-step inference (<c>IPlant.Step</c>, <c>IController.Act</c>) and
/// step-by-step training: on a CPU with AVX2 and FMA in float32 through ArmRnn's own <see cref="GruKernel"/> (the
/// weights packed on the first step after each <see cref="Bind"/>; results equal LibTorch's to float32 rounding and, bit
/// for bit, the no-gradient sequence path of <see cref="GruSequence.Run"/>): without gradients making no intermediate
/// tensors, with them as one autograd node per step with ArmRnn's own backward pass (<see cref="GruStepFunction"/>),
/// whose weight gradients are gathered over the steps and reach the weights once per backward pass
/// (<see cref="GruWeightTapFunction"/>); otherwise through a <see cref="GRUCell"/> that shares the GRU's weight tensors
/// (same storage, nothing copied).
/// </summary>
/// <remarks>The networks call <see cref="Bind"/> at every <c>Reset</c>: a kernel step computes with the weights as they
/// were at the last <see cref="Bind"/>, and its backward pass uses them too (in-place changes after <see cref="Bind"/>,
/// such as an optimiser step in the middle of an episode, are seen by the LibTorch path only; bind again after them).
/// One backward pass at a time per cell: the weight gradients' rows are gathered in the cell (up to 1,024 rows of gate
/// gradients, inputs and states, and their packing: about 33 MB at 1,024 units, allocated at the first backward pass
/// that needs them). Not a module and not held in a module field, so the networks' state dicts keep only the GRU's
/// keys. Creating the cell draws no numbers from the global torch generator (its own initial weights are drawn under a
/// saved and restored generator state, then replaced), so seeded runs are unchanged.</remarks>
public sealed class GruStepCell : IDisposable
{
    private readonly GRUCell _cell;
    private readonly GRU _gru;
    private readonly int _inputSize;
    private readonly int _hiddenSize;
    private readonly HandedOffGradients _handOff = new();
    private readonly HandedOffGradients _weightHandOff = new();
    private readonly StepWeightGradients _weightRows;
    private GruKernel? _kernel;
    private Tensor? _weightTap;
    private long _stepsWithGradients;
    private long _taps;
    private bool _kernelCurrent;
    private Parameter _weightIh = null!;
    private Parameter _weightHh = null!;
    private Parameter _biasIh = null!;
    private Parameter _biasHh = null!;

    /// <summary>Creates a cell bound to <paramref name="gru"/>, which must have one layer and biases.</summary>
    /// <param name="gru">The GRU whose weights the cell uses (not copied; not disposed with the cell).</param>
    /// <param name="inputSize">The GRU's input features.</param>
    /// <param name="hiddenSize">The GRU's hidden units.</param>
    /// <exception cref="InvalidOperationException">The GRU has no layer-0 weight or bias of a one-layer GRU.</exception>
    public GruStepCell(GRU gru, long inputSize, long hiddenSize)
    {
        ArgumentNullException.ThrowIfNull(gru);
        _gru = gru;
        _inputSize = checked((int)inputSize);
        _hiddenSize = checked((int)hiddenSize);
        _weightRows = new StepWeightGradients(_inputSize, _hiddenSize);
        using (var state = torch.get_rng_state())
        {
            _cell = nn.GRUCell(inputSize, hiddenSize);
            torch.set_rng_state(state);
        }

        // The cell's own initial weights, as registered (the property getters would make new wrappers instead).
        var own = _cell.parameters().ToArray();
        Bind();
        foreach (var parameter in own)
        {
            parameter.Dispose();
        }
    }

    /// <summary>The next hidden state <c>[batch, hidden]</c> (a new tensor) for inputs <c>[batch, input]</c> and hidden
    /// state <c>[batch, hidden]</c>.</summary>
    /// <param name="input">The step's inputs.</param>
    /// <param name="hidden">The hidden state before the step.</param>
    /// <exception cref="InvalidOperationException">The previous backward pass through this cell could not compute the
    /// weight gradients (rows of an earlier pass through an older graph were pending; they were set to NaN): the message
    /// says why.</exception>
    public Tensor Step(Tensor input, Tensor hidden)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(hidden);
        _weightRows.ThrowIfFailed();
        if (!GruKernel.Applies(input) || !GruKernel.Applies(hidden) || !GruKernel.Applies(_weightHh))
        {
            return _cell.call(input, hidden);
        }

        var weights = _weightIh.requires_grad || _weightHh.requires_grad || _biasIh.requires_grad || _biasHh.requires_grad;
        var gradients = torch.is_grad_enabled() && (input.requires_grad || hidden.requires_grad || weights);
        if (!gradients)
        {
            return Kernel().Step(input, hidden);
        }

        // The node takes the shapes as given: anything else goes to LibTorch, whose error names the mismatch.
        var fits = input.dim() == 2 && hidden.dim() == 2 && input.shape[0] == hidden.shape[0] && input.shape[0] > 0
            && input.shape[1] == _inputSize && hidden.shape[1] == _hiddenSize;
        return fits
            ? GruStepFunction.apply(input, hidden, weights ? WeightTap() : null!, Kernel(), _weightRows, _handOff, _stepsWithGradients++, _taps)[0]
            : _cell.call(input, hidden);
    }

    /// <summary>The node every gradient step since the last <see cref="Bind"/> reaches the weights through
    /// (<see cref="GruWeightTapFunction"/>), made on the first such step.</summary>
    private Tensor WeightTap() =>
        _weightTap ??= GruWeightTapFunction.apply(_weightIh, _weightHh, _biasIh, _biasHh, _weightRows, _weightHandOff, ++_taps)[0].DetachFromDisposeScope();

    /// <summary>Whether the host steps can run: the bound weights are float32 on the CPU and the processor
    /// has AVX2 and FMA.</summary>
    internal bool CanStepOnHost => GruKernel.Applies(_weightHh);

    /// <summary>One step of <paramref name="rows"/> rows by address, no gradients, no tensors: inputs
    /// [rows × input], hidden state [rows × hidden], the next state written to <paramref name="next"/>
    /// [rows × hidden] (not overlapping <paramref name="hidden"/>). Only where <see cref="CanStepOnHost"/>.</summary>
    internal unsafe void StepOnHost(int rows, float* input, float* hidden, float* next) =>
        Kernel().Advance(rows, input, _inputSize, hidden, _hiddenSize, next, _hiddenSize, null, null, null, null);

    /// <summary>One step of <paramref name="rows"/> rows from the host <paramref name="input"/> buffer, then
    /// <paramref name="readout"/> into the host <paramref name="output"/> buffer: the next hidden state goes into
    /// <paramref name="spare"/> and the two tensors ([rows, hidden], float32, CPU, contiguous) swap, so
    /// <paramref name="hidden"/> holds it afterwards. Only where <see cref="CanStepOnHost"/>.</summary>
    internal unsafe void StepOnHost(int rows, float[] input, ref Tensor? hidden, ref Tensor? spare, PackedLinear readout, float[] output)
    {
        fixed (float* x = input, y = output)
        {
            var next = GruKernel.Address(spare!);
            StepOnHost(rows, x, GruKernel.Address(hidden!), next);
            readout.Apply(rows, next, y);
        }

        (hidden, spare) = (spare, hidden);
    }

    /// <summary>The kernel with the weights as of the last <see cref="Bind"/>, packed on the first step after it (a
    /// network reset without stepping costs nothing here).</summary>
    private GruKernel Kernel()
    {
        if (!_kernelCurrent)
        {
            if (_kernel is null)
            {
                _kernel = new GruKernel(_weightIh, _weightHh, _biasIh, _biasHh);
            }
            else
            {
                _kernel.Load(_weightIh, _weightHh, _biasIh, _biasHh);
            }

            _kernelCurrent = true;
        }

        return _kernel!;
    }

    /// <summary>Points the cell at the GRU's current weight tensors and has the next step take their current values.</summary>
    public void Bind()
    {
        _kernelCurrent = false;
        _weightTap?.Dispose();
        _weightTap = null;
        _cell.weight_ih = _weightIh = Parameter("weight_ih_l0");
        _cell.weight_hh = _weightHh = Parameter("weight_hh_l0");
        _cell.bias_ih = _biasIh = Parameter("bias_ih_l0");
        _cell.bias_hh = _biasHh = Parameter("bias_hh_l0");
    }

    /// <summary>Disposes the cell but not the GRU's weights: disposing a module disposes the parameters it holds, so
    /// the cell is first pointed at empty placeholders.</summary>
    public void Dispose()
    {
        Parameter[] placeholders = [Placeholder(), Placeholder(), Placeholder(), Placeholder()];
        _cell.weight_ih = placeholders[0];
        _cell.weight_hh = placeholders[1];
        _cell.bias_ih = placeholders[2];
        _cell.bias_hh = placeholders[3];
        _cell.Dispose();
        _handOff.Dispose();
        _weightHandOff.Dispose();
        _weightTap?.Dispose();
        _weightRows.Dispose();
        foreach (var placeholder in placeholders)
        {
            placeholder.Dispose();
        }
    }

    /// <summary>An empty parameter for the cell to hold while it is disposed; the tensor it wraps is disposed here.</summary>
    private static Parameter Placeholder()
    {
        using var empty = torch.empty(0);
        return new Parameter(empty);
    }

    private Parameter Parameter(string name) =>
        _gru.get_parameter(name) ?? throw new InvalidOperationException($"The GRU has no parameter '{name}' (a one-layer GRU with biases is required).");
}
