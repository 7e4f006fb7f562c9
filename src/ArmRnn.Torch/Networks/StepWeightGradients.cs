using ArmRnn.Torch.Networks.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// A <see cref="GruStepCell"/>'s backward workspace: the rows of gate gradients its per-step nodes
/// (<see cref="GruStepFunction"/>) compute, gathered with the inputs and hidden states they multiply so that the weight
/// gradients are a few deep products instead of one shallow product per step; <see cref="GruWeightTapFunction"/> hands
/// the sums to the weights once per backward pass.
/// </summary>
/// <remarks>
/// <para>Why: per step, <c>dW_hh = dGᵀ · h</c> has the batch as its inner dimension (a batch of one makes it an outer
/// product that writes all 3H × H floats for as many multiply-adds), and LibTorch's engine then adds each step's
/// weight-sized result into its running sum. Gathered up to <see cref="ChunkRows"/> rows, the same products run with an
/// inner dimension of about a thousand and the sums are written once per chunk, as <see cref="GruSequenceFunction"/> does
/// for a whole sequence.</para>
/// <para>Rows from a backward pass that never reached the weights (<c>torch.autograd.grad</c> for the inputs alone, say)
/// must not leak into a later one. LibTorch's engine runs a pass's nodes in decreasing order of creation, and a tap runs
/// after all of its steps in the pass and before any earlier-created node: so pending rows are stale when a step of
/// another tap arrives, or a step of the same tap created after the last one that added rows. Those are dropped. The
/// tap also receives the number of rows its steps computed in the pass (their gradient for its output): if the sums
/// hold more, rows of an earlier pass through an older graph of the same tap are mixed in and cannot be told apart; the
/// gradients are then NaN and the cell's next step throws (an exception cannot cross LibTorch's engine). Not
/// thread-safe: one backward pass at a time per cell.</para>
/// </remarks>
internal sealed unsafe class StepWeightGradients : IDisposable
{
    /// <summary>Rows gathered before the weight-gradient products run (more when one step has more rows).</summary>
    public const int ChunkRows = 1024;

    private readonly int _hidden;
    private readonly int _inputs;
    private float[] _recurrentGates = [];
    private float[] _inputGates = [];
    private float[] _states = [];
    private float[] _stepInputs = [];
    private readonly float[] _recurrentBias;
    private readonly float[] _candidateInputBias;
    private PackedMatrix? _packedStates;
    private PackedMatrix? _packedInputs;
    private Tensor? _inputWeights;
    private Tensor? _hiddenWeights;
    private int _capacity;
    private int _count;
    private long _rowsSinceDrain;
    private long _lastStep = long.MaxValue;
    private long _tap = -1;
    private string? _failure;

    /// <summary>A workspace for a GRU of <paramref name="inputs"/> inputs and <paramref name="hidden"/> units.</summary>
    public StepWeightGradients(int inputs, int hidden)
    {
        _inputs = inputs;
        _hidden = hidden;
        _recurrentBias = GC.AllocateArray<float>(3 * hidden, pinned: true);
        _candidateInputBias = GC.AllocateArray<float>(hidden, pinned: true);
    }

    /// <summary>Throws, once, the failure of a backward pass whose weight gradients could not be computed (see the
    /// remarks).</summary>
    /// <exception cref="InvalidOperationException">The last backward pass's weight gradients were NaN.</exception>
    public void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            _failure = null;
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>Where a step of <paramref name="rows"/> rows writes its gate gradients, [rows × 3H] each: the recurrent
    /// terms' and the input terms' (they differ in the candidate block). Runs the pending products first when the rows
    /// do not fit; first drops pending rows of an earlier backward pass (see the remarks).</summary>
    /// <param name="tap">The step's weight tap (its number in the cell), or -1 when it needs no weight gradients.</param>
    /// <param name="step">The step node's creation number in its cell.</param>
    /// <param name="rows">The step's rows.</param>
    /// <param name="threads">Threads for the products.</param>
    public (nint RecurrentGates, nint InputGates) Reserve(long tap, long step, int rows, int threads)
    {
        if (tap >= 0 && _rowsSinceDrain > 0 && (tap != _tap || step >= _lastStep))
        {
            Discard();
        }

        if (_count + rows > _capacity)
        {
            MultiplyOut(threads);
            if (rows > _capacity)
            {
                Grow(Math.Max(ChunkRows, rows));
            }
        }

        fixed (float* recurrent = _recurrentGates, input = _inputGates)
        {
            return ((nint)(recurrent + ((long)_count * 3 * _hidden)), (nint)(input + ((long)_count * 3 * _hidden)));
        }
    }

    /// <summary>Keeps the rows last reserved, with the step's inputs <paramref name="x"/> [rows × I] and previous hidden
    /// state <paramref name="h"/> [rows × H] (contiguous), for the weight gradients; adds them to the bias gradients.</summary>
    public void Commit(long tap, long step, int rows, float* x, float* h)
    {
        fixed (float* recurrent = _recurrentGates, input = _inputGates, states = _states, inputs = _stepInputs, recurrentBias = _recurrentBias,
               candidateBias = _candidateInputBias)
        {
            var offset = (long)_count * 3 * _hidden;
            new ReadOnlySpan<float>(x, rows * _inputs).CopyTo(new Span<float>(inputs + ((long)_count * _inputs), rows * _inputs));
            new ReadOnlySpan<float>(h, rows * _hidden).CopyTo(new Span<float>(states + ((long)_count * _hidden), rows * _hidden));
            GruGateGradients.AddRows(rows, 3 * _hidden, recurrent + offset, 3 * _hidden, recurrentBias);
            GruGateGradients.AddRows(rows, _hidden, input + offset + (2 * _hidden), 3 * _hidden, candidateBias);
        }

        _count += rows;
        _rowsSinceDrain += rows;
        _lastStep = step;
        _tap = tap;
    }

    /// <summary>The weight gradients of tap <paramref name="tap"/>'s rows added since the last drain, as new tensors in
    /// the order <c>weight_ih</c>, <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c> (outside any dispose scope: the
    /// caller owns them), and an empty workspace.</summary>
    /// <param name="tap">The tap draining.</param>
    /// <param name="receivedRows">The rows this backward pass's steps of the tap reported (its incoming gradient).</param>
    /// <param name="threads">Threads for the products.</param>
    public Tensor[] Drain(long tap, long receivedRows, int threads)
    {
        if (_rowsSinceDrain > 0 && tap != _tap)
        {
            Discard(); // Another tap's rows, left by a pass that did not reach it.
        }

        var mixed = receivedRows != _rowsSinceDrain;
        if (mixed)
        {
            _failure = $"GruStepCell: a backward pass computed {receivedRows} rows of gate gradients for the weights, but {_rowsSinceDrain} were "
                + "pending: an earlier pass through an older graph of the same cell (torch.autograd.grad for its inputs only, say) left rows "
                + "that cannot be told apart, so that pass's weight gradients were set to NaN. Call Bind (the networks' Reset) between graphs, "
                + "or run such passes with the GRU's parameters not requiring gradients.";
        }

        MultiplyOut(threads);
        using var scope = torch.NewDisposeScope();
        var inputWeights = _inputWeights ?? torch.zeros([3 * _hidden, _inputs], ScalarType.Float32);
        var hiddenWeights = _hiddenWeights ?? torch.zeros([3 * _hidden, _hidden], ScalarType.Float32);
        var hiddenBias = torch.tensor(_recurrentBias);
        // r and z enter both biases alike; the candidate's input bias has its own sum.
        var inputBias = torch.cat([hiddenBias.narrow(0, 0, 2 * _hidden), torch.tensor(_candidateInputBias)]);
        Tensor[] result = [inputWeights, hiddenWeights, inputBias, hiddenBias];
        foreach (var tensor in result)
        {
            if (mixed)
            {
                tensor.fill_(float.NaN);
            }

            tensor.DetachFromDisposeScope();
        }

        _inputWeights = _hiddenWeights = null;
        Reset();
        return result;
    }

    /// <summary>Frees the pending sums.</summary>
    public void Dispose() => Discard();

    /// <summary>Drops the pending rows and sums.</summary>
    private void Discard()
    {
        _inputWeights?.Dispose();
        _hiddenWeights?.Dispose();
        _inputWeights = _hiddenWeights = null;
        Reset();
    }

    private void Reset()
    {
        _count = 0;
        _rowsSinceDrain = 0;
        _lastStep = long.MaxValue;
        _tap = -1;
        Array.Clear(_recurrentBias);
        Array.Clear(_candidateInputBias);
    }

    /// <summary>Adds the gathered rows' products to the weight-gradient sums: <c>dW_hh += dG_hᵀ · H</c> and
    /// <c>dW_ih += dG_iᵀ · X</c>.</summary>
    private void MultiplyOut(int threads)
    {
        if (_count == 0)
        {
            return;
        }

        if (_hiddenWeights is null || _inputWeights is null)
        {
            _hiddenWeights = torch.zeros([3 * _hidden, _hidden], ScalarType.Float32).DetachFromDisposeScope();
            _inputWeights = torch.zeros([3 * _hidden, _inputs], ScalarType.Float32).DetachFromDisposeScope();
        }

        _packedStates = Pack(_packedStates, _states, _count, _hidden);
        _packedInputs = Pack(_packedInputs, _stepInputs, _count, _inputs);
        fixed (float* recurrent = _recurrentGates, input = _inputGates)
        {
            MatrixProduct.MultiplyTransposedA(3 * _hidden, recurrent, 3 * _hidden, _packedStates, null, GruKernel.Address(_hiddenWeights), _hidden,
                accumulate: true, threads);
            MatrixProduct.MultiplyTransposedA(3 * _hidden, input, 3 * _hidden, _packedInputs, null, GruKernel.Address(_inputWeights), _inputs,
                accumulate: true, threads);
        }

        _count = 0;
    }

    /// <summary>The first <paramref name="rows"/> rows of <paramref name="source"/> (<paramref name="columns"/> floats
    /// each) packed as a right-hand operand, into <paramref name="packing"/> when it has that depth.</summary>
    private static PackedMatrix Pack(PackedMatrix? packing, float[] source, int rows, int columns)
    {
        var values = new ReadOnlySpan<float>(source, 0, rows * columns);
        if (packing is null || packing.Depth != rows)
        {
            return PackedMatrix.Of(values, rows, columns);
        }

        packing.Repack(values);
        return packing;
    }

    private void Grow(int capacity)
    {
        _recurrentGates = GC.AllocateUninitializedArray<float>(capacity * 3 * _hidden, pinned: true);
        _inputGates = GC.AllocateUninitializedArray<float>(capacity * 3 * _hidden, pinned: true);
        _states = GC.AllocateUninitializedArray<float>(capacity * _hidden, pinned: true);
        _stepInputs = GC.AllocateUninitializedArray<float>(capacity * _inputs, pinned: true);
        _capacity = capacity;
    }
}
