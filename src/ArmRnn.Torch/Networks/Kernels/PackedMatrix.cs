using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// The right-hand operand <c>B</c> [depth × outputs] of a float32 product <c>C = A · B</c>, packed for
/// <see cref="MatrixProduct"/>: panels of <see cref="PanelWidth"/> consecutive output columns, each panel stored as
/// <c>depth</c> rows of <see cref="PanelWidth"/> floats (<c>panel[k, j] = B[k, 16·p + j]</c>), so the product's inner
/// loop reads both operands sequentially. Outputs past the last full panel are padded with zeros.
/// </summary>
/// <remarks>The packed floats live in one array on the pinned object heap (they never move, so the kernels address
/// them by pointer). Packing copies the weights: a packed matrix does not see later changes to its source until
/// <see cref="Repack(ReadOnlySpan{float})"/>.</remarks>
internal sealed unsafe class PackedMatrix
{
    /// <summary>Output columns per panel: two 8-float AVX vectors.</summary>
    public const int PanelWidth = 16;

    private readonly float[] _data;
    private readonly bool _transposed;

    private PackedMatrix(int depth, int outputs, bool transposed)
    {
        if (depth <= 0 || outputs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), $"A packed matrix needs a positive depth and output count, not {depth} x {outputs}.");
        }

        Depth = depth;
        Outputs = outputs;
        Panels = (outputs + PanelWidth - 1) / PanelWidth;
        _transposed = transposed;
        _data = GC.AllocateArray<float>(Panels * depth * PanelWidth, pinned: true);
    }

    /// <summary>The inner dimension <c>K</c> (rows of <c>B</c>).</summary>
    public int Depth { get; }

    /// <summary>The output columns <c>N</c> (columns of <c>B</c>).</summary>
    public int Outputs { get; }

    /// <summary>Panels of <see cref="PanelWidth"/> columns; the last one may be partly padding.</summary>
    public int Panels { get; }

    /// <summary>Packs <c>B = Wᵀ</c> for a weight <paramref name="weight"/> stored as PyTorch stores
    /// <c>nn.Linear</c> and GRU weights, [outputs × depth] row-major: the product is then <c>A · Wᵀ</c>.</summary>
    public static PackedMatrix OfTransposed(ReadOnlySpan<float> weight, int outputs, int depth)
    {
        var packed = new PackedMatrix(depth, outputs, transposed: true);
        packed.Repack(weight);
        return packed;
    }

    /// <summary>Packs <c>B = W</c> for <paramref name="weight"/> [depth × outputs] row-major: the product is then
    /// <c>A · W</c>.</summary>
    public static PackedMatrix Of(ReadOnlySpan<float> weight, int depth, int outputs)
    {
        var packed = new PackedMatrix(depth, outputs, transposed: false);
        packed.Repack(weight);
        return packed;
    }

    /// <summary>Packs new values of the same shape and orientation as at creation.</summary>
    /// <exception cref="ArgumentException">The source has another number of elements.</exception>
    public void Repack(ReadOnlySpan<float> weight)
    {
        if (weight.Length != (long)Depth * Outputs)
        {
            throw new ArgumentException(
                $"The matrix to pack has {weight.Length} elements; {Depth} x {Outputs} = {(long)Depth * Outputs} were expected.", nameof(weight));
        }

        for (var p = 0; p < Panels; p++)
        {
            var panel = _data.AsSpan(p * Depth * PanelWidth, Depth * PanelWidth);
            var first = p * PanelWidth;
            var width = Math.Min(PanelWidth, Outputs - first);
            if (width < PanelWidth)
            {
                panel.Clear();
            }

            if (_transposed)
            {
                // Row j of this panel's slice of W is column j of B: scatter it with stride PanelWidth.
                for (var j = 0; j < width; j++)
                {
                    var row = weight.Slice((first + j) * Depth, Depth);
                    for (var k = 0; k < Depth; k++)
                    {
                        panel[(k * PanelWidth) + j] = row[k];
                    }
                }
            }
            else if (width == PanelWidth)
            {
                // A full panel: each depth step's 16 values as two 8-float moves (a span copy per step costs a call).
                ref var source = ref MemoryMarshal.GetReference(weight);
                ref var target = ref MemoryMarshal.GetReference(panel);
                for (var k = 0; k < Depth; k++)
                {
                    var from = (nuint)((k * Outputs) + first);
                    var to = (nuint)(k * PanelWidth);
                    Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref source, from), ref target, to);
                    Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref source, from + 8), ref target, to + 8);
                }
            }
            else
            {
                for (var k = 0; k < Depth; k++)
                {
                    weight.Slice((k * Outputs) + first, width).CopyTo(panel.Slice(k * PanelWidth, width));
                }
            }
        }
    }

    /// <summary>A new packed matrix holding <c>Bᵀ</c> [outputs × depth]: the GRU's <c>W_hh</c> for a backward pass's
    /// <c>dG · W_hh</c> out of the forward pass's packing of <c>W_hhᵀ</c>, without going back to the tensor.</summary>
    public PackedMatrix Transpose()
    {
        var transpose = new PackedMatrix(Outputs, Depth, transposed: !_transposed);
        for (var p = 0; p < transpose.Panels; p++)
        {
            var first = p * PanelWidth;
            var width = Math.Min(PanelWidth, Depth - first);
            for (var k = 0; k < Outputs; k++)
            {
                // Bᵀ[k, first + j] = B[first + j, k], which this packing holds in panel k / 16, row first + j, column k % 16.
                var source = ((((long)(k / PanelWidth) * Depth) + first) * PanelWidth) + (k % PanelWidth);
                var target = (((long)p * Outputs) + k) * PanelWidth;
                for (var j = 0; j < width; j++)
                {
                    transpose._data[target + j] = _data[source + (j * PanelWidth)];
                }
            }
        }

        return transpose;
    }

    /// <summary>The packed floats by address, for the kernels (valid as long as this object lives).</summary>
    public PanelView View => new((float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_data)), Depth, Outputs, Panels);
}
