using System.Runtime.CompilerServices;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>A <see cref="PackedMatrix"/> by address and shape: an unmanaged value the kernels can hand to native
/// worker threads. Valid while the packed matrix it came from lives.</summary>
internal readonly unsafe struct PanelView
{
    /// <summary>Describes packed floats at <paramref name="data"/>.</summary>
    public PanelView(float* data, int depth, int outputs, int panels)
    {
        Data = data;
        Depth = depth;
        Outputs = outputs;
        Panels = panels;
    }

    /// <summary>The first packed float.</summary>
    public float* Data { get; }

    /// <summary>The inner dimension K.</summary>
    public int Depth { get; }

    /// <summary>The output columns N.</summary>
    public int Outputs { get; }

    /// <summary>Panels of <see cref="PackedMatrix.PanelWidth"/> columns.</summary>
    public int Panels { get; }

    /// <summary>The first float of panel <paramref name="panel"/> at depth <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* At(int panel, int k) => Data + ((((long)panel * Depth) + k) * PackedMatrix.PanelWidth);
}
