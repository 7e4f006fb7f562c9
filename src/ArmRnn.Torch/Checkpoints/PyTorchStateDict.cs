using System.Text.Json;
using ArmRnn.Data;
using ArmRnn.Torch.Networks;
using TorchSharp;
using TorchSharp.PyBridge;

namespace ArmRnn.Torch.Checkpoints;

/// <summary>
/// Exchanges weights with PyTorch as <c>state_dict</c> files (<c>torch.save(model.state_dict(), path)</c> format,
/// through TorchSharp.PyBridge). Keys are the modules' PyTorch names (<c>gru.weight_ih_l0</c>, <c>readout.weight</c>,
/// <c>state_mean</c>, ...); docs/torch.md shows the matching PyTorch modules.
/// </summary>
public static class PyTorchStateDict
{
    /// <summary>The suffix of the JSON metadata file written beside an exported network.</summary>
    public const string MetadataSuffix = ".json";

    /// <summary>Writes <paramref name="module"/>'s state dict as a PyTorch pickle file (atomically).</summary>
    public static void Export(torch.nn.Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        AtomicFile.Write(path, stream => module.save_py(stream, leaveOpen: true));
    }

    /// <summary>Writes an ArmNet's state dict to <paramref name="path"/> and its metadata (architecture, layout,
    /// normalisation) as JSON to <paramref name="path"/> + <see cref="MetadataSuffix"/>, so Python can rebuild it.</summary>
    public static void Export(ArmNet network, string path, int generation = 0, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        Export((torch.nn.Module)network, path);
        var metadata = ArmNetCheckpoint.CreateMetadata(network, generation, seed, null);
        metadata.LibraryVersion = CheckpointFile.LibraryVersion;
        metadata.CreatedUtc = DateTimeOffset.UtcNow;
        AtomicFile.Write(path + MetadataSuffix, stream => JsonSerializer.Serialize(stream, metadata, CheckpointFile.JsonOptions));
    }

    /// <summary>Writes a ControllerNet's state dict and its metadata JSON (see <see cref="Export(ArmNet, string, int, ulong)"/>).</summary>
    public static void Export(ControllerNet controller, string path, int generation = 0, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(controller);
        Export((torch.nn.Module)controller, path);
        var metadata = ControllerNetCheckpoint.CreateMetadata(controller, generation, seed, null);
        metadata.LibraryVersion = CheckpointFile.LibraryVersion;
        metadata.CreatedUtc = DateTimeOffset.UtcNow;
        AtomicFile.Write(path + MetadataSuffix, stream => JsonSerializer.Serialize(stream, metadata, CheckpointFile.JsonOptions));
    }

    /// <summary>Loads a PyTorch state dict file into <paramref name="module"/> (every key must match when
    /// <paramref name="strict"/>). For an ArmNet, the normalisation buffers are loaded too, but its
    /// <see cref="ArmNet.Normalization"/> values are not changed: use a checkpoint to move normalisation.</summary>
    public static void Import(torch.nn.Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        module.load_py(path, strict);
    }
}
