using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// A one-layer GRU's forward pass on the CPU in float32, with ArmRnn's own kernels: the weights packed once
/// (<see cref="PackedMatrix"/>), per step the input and recurrent terms as two products (<see cref="MatrixProduct"/>)
/// and the gates and update fused into one pass over each row (<see cref="GruGates"/>), so a step makes no
/// intermediate tensors.
/// </summary>
/// <remarks>
/// <para>Same equations as <c>nn.GRU</c>/<c>nn.GRUCell</c>; results agree with LibTorch's to float32 rounding, not bit
/// for bit (another summation order). Each trajectory's results are the same bits whatever the batch it runs in, the
/// thread count, and whether it is stepped (<see cref="Step"/>) or run as a sequence (<see cref="Run(Tensor, Tensor, bool)"/>).</para>
/// <para>The kernel holds a copy of the weights taken at construction or at the last <see cref="Load"/>: later
/// changes to the module's parameters are not seen until the next <see cref="Load"/>. Not thread-safe (scratch rows
/// are reused between calls); the products themselves use <c>torch.get_num_threads()</c> threads.</para>
/// </remarks>
internal sealed unsafe class GruKernel
{
    private readonly PackedMatrix _inputWeights;
    private readonly PackedMatrix _hiddenWeights;
    private readonly float[] _inputBias;
    private readonly float[] _hiddenBias;
    private PackedMatrix? _hiddenWeightsForBackward;
    private PackedMatrix? _inputWeightsForBackward;
    private float[] _inputTerms = [];
    private float[] _recurrentTerms = [];

    /// <summary>Packs a GRU's layer-0 parameters: <c>weight_ih</c> [3H, I], <c>weight_hh</c> [3H, H], <c>bias_ih</c>
    /// and <c>bias_hh</c> [3H].</summary>
    /// <exception cref="ArgumentException">A parameter is not a float32 CPU tensor of those shapes.</exception>
    public GruKernel(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh)
    {
        ArgumentNullException.ThrowIfNull(weightIh);
        ArgumentNullException.ThrowIfNull(weightHh);
        if (weightIh.dim() != 2 || weightHh.dim() != 2 || weightIh.shape[0] % 3 != 0)
        {
            throw new ArgumentException(
                $"GRU weights must be weight_ih [3H, I] and weight_hh [3H, H]; got [{string.Join(", ", weightIh.shape)}] and [{string.Join(", ", weightHh.shape)}].",
                nameof(weightIh));
        }

        Hidden = (int)(weightIh.shape[0] / 3);
        Inputs = (int)weightIh.shape[1];
        _inputWeights = PackedMatrix.OfTransposed(new float[3 * Hidden * Inputs], 3 * Hidden, Inputs);
        _hiddenWeights = PackedMatrix.OfTransposed(new float[3 * Hidden * Hidden], 3 * Hidden, Hidden);
        _inputBias = GC.AllocateArray<float>(3 * Hidden, pinned: true);
        _hiddenBias = GC.AllocateArray<float>(3 * Hidden, pinned: true);
        Load(weightIh, weightHh, biasIh, biasHh);
    }

    /// <summary>Input features I.</summary>
    public int Inputs { get; }

    /// <summary>Hidden units H.</summary>
    public int Hidden { get; }

    /// <summary>Whether the kernels run for tensors like <paramref name="tensor"/>: float32 on the CPU, on a processor
    /// with AVX2 and FMA.</summary>
    public static bool Applies(Tensor tensor) =>
        MatrixProduct.IsSupported && tensor.device_type == DeviceType.CPU && tensor.dtype == ScalarType.Float32;

    /// <summary>Packs the parameters' current values (same shapes as at construction).</summary>
    /// <exception cref="ArgumentException">A parameter has another shape or is not a float32 CPU tensor.</exception>
    public void Load(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh)
    {
        using var scope = torch.NewDisposeScope();
        _inputWeights.Repack(Floats(weightIh, [3 * Hidden, Inputs], "weight_ih"));
        _hiddenWeights.Repack(Floats(weightHh, [3 * Hidden, Hidden], "weight_hh"));
        Floats(biasIh, [3 * Hidden], "bias_ih").CopyTo(_inputBias);
        Floats(biasHh, [3 * Hidden], "bias_hh").CopyTo(_hiddenBias);
        _hiddenWeightsForBackward = null;
        _inputWeightsForBackward = null;
    }

    /// <summary><c>W_hh</c> [3H × H] packed as a right-hand operand, for a backward pass's <c>dG · W_hh</c>: made from
    /// the forward packing on first use after each <see cref="Load"/> (inference never pays for it).</summary>
    public PackedMatrix HiddenWeightsForBackward => _hiddenWeightsForBackward ??= _hiddenWeights.Transpose();

    /// <summary><c>W_ih</c> [3H × I] packed as a right-hand operand, for a backward pass's input gradient
    /// <c>dG · W_ih</c>: made from the forward packing on first use after each <see cref="Load"/>.</summary>
    public PackedMatrix InputWeightsForBackward => _inputWeightsForBackward ??= _inputWeights.Transpose();

    /// <summary>One step: the next hidden state <c>[batch, H]</c> (a new tensor) for inputs <c>[batch, I]</c> and hidden
    /// state <c>[batch, H]</c>.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit the weights.</exception>
    public Tensor Step(Tensor input, Tensor hidden)
    {
        using var scope = torch.NewDisposeScope();
        var batch = RequireRows(input, Inputs, "input");
        if (RequireRows(hidden, Hidden, "hidden state") != batch)
        {
            throw new ArgumentException($"The hidden state has {hidden.shape[0]} rows; the input has {batch}.", nameof(hidden));
        }

        var x = Contiguous(input);
        var h = Contiguous(hidden);
        var next = torch.empty([batch, Hidden], ScalarType.Float32);
        Advance((int)batch, Address(x), Inputs, Address(h), Hidden, Address(next), Hidden, null, null, null, null);
        return next.MoveToOuterDisposeScope();
    }

    /// <summary>The hidden states after every step of <paramref name="input"/> (<c>[batch, time, I]</c> when
    /// <paramref name="batchFirst"/>, else <c>[time, batch, I]</c>) from <paramref name="h0"/> <c>[batch, H]</c>, in the
    /// input's layout.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit the weights.</exception>
    public Tensor Run(Tensor input, Tensor h0, bool batchFirst)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(h0);
        if (input.dim() != 3 || input.shape[2] != Inputs)
        {
            throw new ArgumentException($"The GRU's input must be [.., .., {Inputs}], not [{string.Join(", ", input.shape)}].", nameof(input));
        }

        using var scope = torch.NewDisposeScope();
        long steps = input.shape[batchFirst ? 1 : 0], batch = input.shape[batchFirst ? 0 : 1];
        if (RequireRows(h0, Hidden, "initial hidden state") != batch)
        {
            throw new ArgumentException($"The initial hidden state has {h0.shape[0]} rows; the input has {batch} sequences.", nameof(h0));
        }

        var output = torch.empty(batchFirst ? [batch, steps, Hidden] : [steps, batch, Hidden], ScalarType.Float32);
        Run(Address(Contiguous(input.detach())), Address(Contiguous(h0.detach())), Address(output), steps, (int)batch, batchFirst, null);
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>The sequence by address: inputs <paramref name="xs"/> and outputs <paramref name="outputs"/>
    /// contiguous in the layout <paramref name="batchFirst"/> says, <paramref name="h0"/> <c>[batch, H]</c>. When
    /// <paramref name="record"/> is given it is asked, before each step t, where that step's gates go (for a backward
    /// pass).</summary>
    public void Run(float* xs, float* h0, float* outputs, long steps, int batch, bool batchFirst, Func<long, GruStepRecord>? record)
    {
        var (inputStep, inputRow) = batchFirst ? (Inputs, steps * Inputs) : ((long)batch * Inputs, (long)Inputs);
        var (outputStep, outputRow) = batchFirst ? (Hidden, steps * Hidden) : ((long)batch * Hidden, (long)Hidden);
        var h = h0;
        var ldh = (long)Hidden;
        for (long t = 0; t < steps; t++)
        {
            var next = outputs + (t * outputStep);
            var gates = record?.Invoke(t) ?? default;
            Advance(batch, xs + (t * inputStep), inputRow, h, ldh, next, outputRow, gates.RecurrentTerms, gates.Rz, gates.Candidate, gates.Difference);
            h = next;
            ldh = outputRow;
        }
    }

    /// <summary>One step for <paramref name="rows"/> rows addressed by pointer (rows of each operand
    /// <c>ld·</c> floats apart). Where the record pointers are not null, the step's recurrent terms
    /// (<c>[rows, 3H]</c>, contiguous), r and z (<c>[rows, 2H]</c>), n and <c>h − n</c> (<c>[rows, H]</c>) are written
    /// there for a backward pass.</summary>
    public void Advance(int rows, float* x, long ldx, float* h, long ldh, float* next, long ldNext,
        float* recurrentTerms, float* rz, float* candidate, float* difference)
    {
        var width = 3 * Hidden;
        if (_inputTerms.Length < rows * width)
        {
            _inputTerms = GC.AllocateArray<float>(rows * width, pinned: true);
            _recurrentTerms = GC.AllocateArray<float>(rows * width, pinned: true);
        }

        var threads = torch.get_num_threads();
        var inputTerms = Address(_inputTerms);
        recurrentTerms = recurrentTerms is null ? Address(_recurrentTerms) : recurrentTerms;
        MatrixProduct.Multiply(rows, x, ldx, _inputWeights, Address(_inputBias), inputTerms, width, accumulate: false, threads);
        MatrixProduct.Multiply(rows, h, ldh, _hiddenWeights, Address(_hiddenBias), recurrentTerms, width, accumulate: false, threads);
        GruGates.UpdateRows(rows, Hidden, inputTerms, recurrentTerms, h, ldh, next, ldNext, rz, candidate, difference, threads);
    }

    /// <summary>One step of a backward pass for <paramref name="rows"/> rows whose forward step recorded
    /// <paramref name="record"/>: from <paramref name="gradient"/> (dL/dh' [rows × H]) the gate gradients of the input
    /// and recurrent terms into <paramref name="inputGates"/> and <paramref name="recurrentGates"/> ([rows × 3H] each,
    /// <see cref="GruGateGradients"/>) and, into <paramref name="dh"/> [rows × H], <c>g ⊙ z</c> plus, when
    /// <paramref name="throughWeights"/>, <c>dG_h · W_hh</c> (the previous hidden state's gradient) with the weights as
    /// of the last <see cref="Load"/>. Every operand contiguous.</summary>
    public void StepBack(int rows, float* gradient, GruStepRecord record, float* inputGates, float* recurrentGates, float* dh, bool throughWeights,
        int threads)
    {
        GruGateGradients.Compute(rows, Hidden, gradient, record, inputGates, recurrentGates, dh, threads);
        if (throughWeights)
        {
            MatrixProduct.Multiply(rows, recurrentGates, 3 * Hidden, HiddenWeightsForBackward, null, dh, Hidden, accumulate: true, threads);
        }
    }

    /// <summary>The address of a contiguous CPU tensor's first element.</summary>
    internal static float* Address(Tensor tensor) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));

    private static float* Address(float[] array) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));

    private static Tensor Contiguous(Tensor tensor) => tensor.is_contiguous() ? tensor : tensor.contiguous();

    private static long RequireRows(Tensor tensor, int columns, string what)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != 2 || tensor.shape[1] != columns || tensor.shape[0] == 0 || !Applies(tensor))
        {
            throw new ArgumentException(
                $"The GRU kernel's {what} must be a float32 CPU tensor [batch, {columns}], not {tensor.dtype} [{string.Join(", ", tensor.shape)}] on {tensor.device}.");
        }

        return tensor.shape[0];
    }

    /// <summary>A float32 CPU tensor of the given shape as a span of its values (a contiguous copy if it is a view;
    /// dispose scope of the caller).</summary>
    internal static ReadOnlySpan<float> Floats(Tensor tensor, long[] shape, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.shape.SequenceEqual(shape) || !Applies(tensor))
        {
            throw new ArgumentException(
                $"The kernel's {name} must be a float32 CPU tensor [{string.Join(", ", shape)}], not {tensor.dtype} [{string.Join(", ", tensor.shape)}] on {tensor.device}.");
        }

        return MemoryMarshal.Cast<byte, float>(Contiguous(tensor.detach()).bytes);
    }
}
