using System.Text.Json.Nodes;
using ArmRnn.Torch.Networks;

namespace ArmRnn.Torch.Checkpoints;

/// <summary>
/// What a checkpoint file says about the network in it: its kind and architecture, the layout and names it works with,
/// its normalisation, how it was trained, and which library wrote it. Stored as JSON at the head of the file.
/// </summary>
public sealed class CheckpointMetadata
{
    /// <summary>The format identifier, <c>armrnn-checkpoint</c>.</summary>
    public string Format { get; set; } = CheckpointFile.FormatName;

    /// <summary>The format version (1).</summary>
    public int FormatVersion { get; set; } = CheckpointFile.CurrentVersion;

    /// <summary><c>ArmNet</c> or <c>ControllerNet</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The ArmRnn.Torch version that wrote the file.</summary>
    public string LibraryVersion { get; set; } = string.Empty;

    /// <summary>When the file was written (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; set; }

    /// <summary>The pipeline generation of the network.</summary>
    public int Generation { get; set; }

    /// <summary>The seed the network was created and trained with.</summary>
    public ulong Seed { get; set; }

    /// <summary>The ArmNet architecture (ArmNet checkpoints).</summary>
    public ArmNetOptions? ArmNet { get; set; }

    /// <summary>The ControllerNet architecture (ControllerNet checkpoints).</summary>
    public ControllerNetOptions? Controller { get; set; }

    /// <summary>The state layout's name.</summary>
    public string LayoutName { get; set; } = string.Empty;

    /// <summary>The state layout's channel names, in order.</summary>
    public IReadOnlyList<string> ChannelNames { get; set; } = [];

    /// <summary>The state layout's channel units, in order.</summary>
    public IReadOnlyList<string> ChannelUnits { get; set; } = [];

    /// <summary>The excitation (muscle) names, in order.</summary>
    public IReadOnlyList<string> ExcitationNames { get; set; } = [];

    /// <summary>The task input names, in order (ControllerNet).</summary>
    public IReadOnlyList<string> TaskInputNames { get; set; } = [];

    /// <summary>The control step (s) of the data (ArmNet).</summary>
    public double Dt { get; set; }

    /// <summary>The channels the normalisation is over (all layout channels for ArmNet, the observed ones for
    /// ControllerNet).</summary>
    public IReadOnlyList<string> NormalizationChannels { get; set; } = [];

    /// <summary>Per-channel means.</summary>
    public IReadOnlyList<double> NormalizationMean { get; set; } = [];

    /// <summary>Per-channel standard deviations.</summary>
    public IReadOnlyList<double> NormalizationStd { get; set; } = [];

    /// <summary>The training configuration (the trainer's options as JSON), when known.</summary>
    public JsonObject? Training { get; set; }

    /// <summary>Training progress when the file is a resumable training checkpoint, else null.</summary>
    public TrainingProgressState? Progress { get; set; }
}
