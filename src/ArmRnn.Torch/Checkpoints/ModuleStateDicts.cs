using TorchSharp;

namespace ArmRnn.Torch.Checkpoints;

/// <summary>Writes and reads a module's state dict in TorchSharp's binary format.</summary>
internal static class ModuleStateDicts
{
    public static void WriteStateDict(this torch.nn.Module module, BinaryWriter writer) => module.save(writer);

    public static void ReadStateDict(this torch.nn.Module module, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(stream);
        module.load(reader, strict: true);
    }

    /// <summary>Detached copies of every parameter and buffer, outside any dispose scope (the caller disposes them).</summary>
    public static Dictionary<string, torch.Tensor> CloneStateDict(this torch.nn.Module module)
    {
        var copy = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        foreach (var (name, tensor) in module.state_dict())
        {
            copy[name] = tensor.detach().clone().DetachFromDisposeScope();
        }

        return copy;
    }

    /// <summary>Copies values from <paramref name="source"/> into the module's parameters and buffers, in place.</summary>
    public static void CopyStateFrom(this torch.nn.Module module, IReadOnlyDictionary<string, torch.Tensor> source)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in module.state_dict())
        {
            tensor.copy_(source[name]);
        }
    }

    public static void Dispose(Dictionary<string, torch.Tensor>? stateDict)
    {
        if (stateDict is null)
        {
            return;
        }

        foreach (var tensor in stateDict.Values)
        {
            tensor.Dispose();
        }

        stateDict.Clear();
    }
}
