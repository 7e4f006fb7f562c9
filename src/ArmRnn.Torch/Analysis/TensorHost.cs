using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>Copies between host double arrays and tensors of a recurrent map's type and device.</summary>
internal static class TensorHost
{
    /// <summary>A <c>[rows, columns]</c> tensor of the map's dtype on its device.</summary>
    public static Tensor ToTensor(ReadOnlySpan<double> values, long rows, long columns, IRecurrentMap map)
    {
        using var cpu = torch.tensor(values.ToArray(), [rows, columns], ScalarType.Float64);
        return cpu.to(map.DType, map.Device);
    }

    /// <summary>Copies any tensor's values (row-major) into <paramref name="destination"/> as doubles, keeping float64
    /// precision when the tensor has it.</summary>
    public static void CopyTo(Tensor tensor, Span<double> destination)
    {
        using var scope = torch.NewDisposeScope();
        var cpu = tensor.detach().to(ScalarType.Float64, torch.CPU).contiguous();
        var count = checked((int)cpu.numel());
        if (count != destination.Length)
        {
            throw new ArgumentException($"The tensor has {count} values but the destination {destination.Length}.", nameof(destination));
        }

        cpu.data<double>().CopyTo(destination);
    }
}
