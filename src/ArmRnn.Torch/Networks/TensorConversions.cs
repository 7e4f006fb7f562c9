using ArmRnn.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>Copies between ArmRnn's double arrays and float32 tensors.</summary>
internal static class TensorConversions
{
    /// <summary>A float32 <c>[batch, time, channel]</c> tensor on <paramref name="device"/> with the values of
    /// <paramref name="array"/>.</summary>
    public static Tensor ToTensor(TrajectoryArray array, Device device)
    {
        var values = new float[array.Length];
        var source = array.AsSpan();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)source[i];
        }

        using var cpu = torch.tensor(values, [array.BatchSize, array.Steps, array.Channels]);
        return cpu.to(device);
    }

    /// <summary>A float32 <c>[rows, channel]</c> tensor of <paramref name="values"/>.</summary>
    public static Tensor ToTensor(ReadOnlySpan<double> values, long rows, long channels, Device device)
    {
        var buffer = new float[values.Length];
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (float)values[i];
        }

        using var cpu = torch.tensor(buffer, [rows, channels]);
        return cpu.to(device);
    }

    /// <summary>The values of a <c>[batch, time, channel]</c> tensor as a trajectory array.</summary>
    public static TrajectoryArray ToTrajectoryArray(Tensor tensor)
    {
        if (tensor.dim() != 3)
        {
            throw new ArgumentException($"A [batch, time, channel] tensor is needed; this one has {tensor.dim()} dimensions.", nameof(tensor));
        }

        var result = new TrajectoryArray((int)tensor.shape[0], (int)tensor.shape[1], (int)tensor.shape[2]);
        CopyTo(tensor, result.AsSpan());
        return result;
    }

    /// <summary>Copies a tensor's values (any shape, row-major) into <paramref name="destination"/>, as doubles.</summary>
    public static void CopyTo(Tensor tensor, Span<double> destination)
    {
        using var scope = torch.NewDisposeScope();
        var cpu = tensor.detach().to(ScalarType.Float32, torch.CPU).contiguous();
        var count = checked((int)cpu.numel());
        if (count != destination.Length)
        {
            throw new ArgumentException($"The tensor has {count} values but the destination {destination.Length}.", nameof(destination));
        }

        var values = new float[count];
        cpu.data<float>().CopyTo(values);
        for (var i = 0; i < count; i++)
        {
            destination[i] = values[i];
        }
    }
}
