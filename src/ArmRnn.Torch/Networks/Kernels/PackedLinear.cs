using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// A linear layer's weights (<c>y = x · Wᵀ + b</c>, W [outputs × inputs] as <c>nn.Linear</c> stores it) packed for
/// <see cref="MatrixProduct"/>, applied to rows of floats by address: the per-step readouts of ArmNet and ControllerNet
/// without creating tensors.
/// </summary>
/// <remarks>Holds a copy of the weights taken at the last <see cref="Load"/> (the networks load at every
/// <c>Reset</c>).</remarks>
internal sealed unsafe class PackedLinear
{
    private readonly PackedMatrix _weight;
    private readonly float[] _bias;

    /// <summary>Packs <paramref name="weight"/> [outputs, inputs] and <paramref name="bias"/> [outputs] (float32, CPU).</summary>
    public PackedLinear(Tensor weight, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.dim() != 2)
        {
            throw new ArgumentException($"A linear layer's weight must be [outputs, inputs], not [{string.Join(", ", weight.shape)}].", nameof(weight));
        }

        Outputs = (int)weight.shape[0];
        Inputs = (int)weight.shape[1];
        _weight = PackedMatrix.OfTransposed(new float[Outputs * Inputs], Outputs, Inputs);
        _bias = GC.AllocateArray<float>(Outputs, pinned: true);
        Load(weight, bias);
    }

    /// <summary>The packed weights of <paramref name="layer"/> as they are now: <paramref name="reuse"/> reloaded when
    /// given (same shapes), else a new instance.</summary>
    public static PackedLinear Of(TorchSharp.Modules.Linear layer, PackedLinear? reuse)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var weight = layer.get_parameter("weight") ?? throw new ArgumentException("The linear layer has no weight.", nameof(layer));
        var bias = layer.get_parameter("bias") ?? throw new ArgumentException("The linear layer has no bias.", nameof(layer));
        if (reuse is null)
        {
            return new PackedLinear(weight, bias);
        }

        reuse.Load(weight, bias);
        return reuse;
    }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Output features.</summary>
    public int Outputs { get; }

    /// <summary>Packs the layer's current values (same shapes as at construction).</summary>
    /// <exception cref="ArgumentException">A tensor has another shape or is not a float32 CPU tensor.</exception>
    public void Load(Tensor weight, Tensor bias)
    {
        using var scope = torch.NewDisposeScope();
        _weight.Repack(GruKernel.Floats(weight, [Outputs, Inputs], "readout weight"));
        GruKernel.Floats(bias, [Outputs], "readout bias").CopyTo(_bias);
    }

    /// <summary><c>y = x · Wᵀ + b</c> for <paramref name="rows"/> contiguous rows.</summary>
    public void Apply(int rows, float* x, float* y) =>
        MatrixProduct.Multiply(rows, x, Inputs, _weight, (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_bias)), y, Outputs,
            accumulate: false, torch.get_num_threads());
}
