using System.Text.Json.Nodes;
using ArmRnn.Layouts;
using ArmRnn.Torch.Networks;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Checkpoints;

/// <summary>Saves and loads <see cref="ControllerNet"/>s with their metadata, atomically.</summary>
public static class ControllerNetCheckpoint
{
    /// <summary>The metadata kind of ControllerNet checkpoints.</summary>
    public const string Kind = "ControllerNet";

    /// <summary>The key under which a checkpoint's training metadata keeps the reaching task the controller was trained
    /// on (a serialised <see cref="Tasks.CenterOutTaskOptions"/>), so that evaluation and analysis can reach the same
    /// targets with the same timing.</summary>
    public const string TaskMetadataKey = "Task";

    /// <summary>Writes <paramref name="controller"/> and its metadata to <paramref name="path"/> (atomically).</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="controller">The controller.</param>
    /// <param name="generation">Its pipeline generation.</param>
    /// <param name="seed">The seed it was created and trained with.</param>
    /// <param name="training">The training configuration, when known.</param>
    public static void Save(string path, ControllerNet controller, int generation = 0, ulong seed = 0, JsonObject? training = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        CheckpointFile.Write(path, CreateMetadata(controller, generation, seed, training), [new(ArmNetCheckpoint.StateDictSection, controller.WriteStateDict)]);
    }

    /// <summary>Creates the ControllerNet stored in <paramref name="path"/> for states of <paramref name="layout"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a ControllerNet checkpoint or its layout differs; the
    /// message says what differs.</exception>
    public static ControllerNet Load(string path, StateLayout layout, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var (metadata, sections) = CheckpointFile.Read(path);
        RequireKind(metadata, path);
        var differences = ArmNetCheckpoint.DescribeLayoutDifferences(metadata, layout);
        if (differences.Count > 0)
        {
            throw new InvalidDataException($"{path} does not fit layout '{layout.Name}': {string.Join("; ", differences)}.");
        }

        var options = metadata.Controller ?? new ControllerNetOptions();
        var normalization = new ChannelNormalization(metadata.NormalizationChannels, metadata.NormalizationMean, metadata.NormalizationStd);
        // The observed channels' normalisation is stored; the others are not needed.
        var full = new ChannelNormalization(
            layout.ChannelNames,
            layout.ChannelNames.Select(c => normalization.ChannelNames.Contains(c) ? normalization.Mean[IndexOf(normalization, c)] : 0.0).ToArray(),
            layout.ChannelNames.Select(c => normalization.ChannelNames.Contains(c) ? normalization.Std[IndexOf(normalization, c)] : 1.0).ToArray());
        var controller = new ControllerNet(layout, metadata.TaskInputNames, metadata.ExcitationNames, full, options, device);
        try
        {
            controller.ReadStateDict(sections[ArmNetCheckpoint.StateDictSection]);
        }
        catch
        {
            controller.Dispose();
            throw;
        }

        return controller;
    }

    /// <summary>Loads the weights in <paramref name="path"/> into an existing controller after checking that the
    /// architecture and names match.</summary>
    /// <exception cref="InvalidDataException">They do not match; the message lists every difference.</exception>
    public static CheckpointMetadata LoadInto(string path, ControllerNet controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var (metadata, sections) = CheckpointFile.Read(path);
        RequireKind(metadata, path);
        var differences = DescribeDifferences(metadata, controller);
        if (differences.Count > 0)
        {
            throw new InvalidDataException($"{path} does not match this ControllerNet: {string.Join("; ", differences)}.");
        }

        controller.ReadStateDict(sections[ArmNetCheckpoint.StateDictSection]);
        return metadata;
    }

    /// <summary>Every difference between a checkpoint's metadata and <paramref name="controller"/>; empty when they match.</summary>
    public static IReadOnlyList<string> DescribeDifferences(CheckpointMetadata metadata, ControllerNet controller)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(controller);
        var differences = new List<string>();
        var saved = metadata.Controller ?? new ControllerNetOptions();
        var actual = controller.Options;
        if (saved.HiddenSize != actual.HiddenSize)
        {
            differences.Add($"the checkpoint has {saved.HiddenSize} hidden units but the controller has {actual.HiddenSize}");
        }

        if (saved.SensoryDelaySteps != actual.SensoryDelaySteps)
        {
            differences.Add($"the checkpoint's sensory delay is {saved.SensoryDelaySteps} steps but the controller's is {actual.SensoryDelaySteps}");
        }

        if (saved.MinExcitation != actual.MinExcitation || saved.MaxExcitation != actual.MaxExcitation)
        {
            differences.Add($"the checkpoint's excitation range is [{saved.MinExcitation}, {saved.MaxExcitation}] but the controller's is [{actual.MinExcitation}, {actual.MaxExcitation}]");
        }

        differences.AddRange(ArmNetCheckpoint.DescribeLayoutDifferences(metadata, controller.Layout));
        differences.AddRange(ArmNetCheckpoint.DescribeNames("observed channels", metadata.NormalizationChannels, controller.ObservedChannels));
        differences.AddRange(ArmNetCheckpoint.DescribeNames("task inputs", metadata.TaskInputNames, controller.TaskInputNames));
        differences.AddRange(ArmNetCheckpoint.DescribeNames("excitations", metadata.ExcitationNames, controller.ExcitationNames));
        return differences;
    }

    internal static CheckpointMetadata CreateMetadata(ControllerNet controller, int generation, ulong seed, JsonObject? training) => new()
    {
        Kind = Kind,
        Generation = generation,
        Seed = seed,
        Controller = controller.Options,
        LayoutName = controller.Layout.Name,
        ChannelNames = controller.Layout.ChannelNames,
        ChannelUnits = [.. controller.Layout.Channels.Select(c => c.Unit)],
        ExcitationNames = controller.ExcitationNames,
        TaskInputNames = controller.TaskInputNames,
        NormalizationChannels = controller.ObservationNormalization.ChannelNames,
        NormalizationMean = controller.ObservationNormalization.Mean,
        NormalizationStd = controller.ObservationNormalization.Std,
        Training = training,
    };

    private static int IndexOf(ChannelNormalization normalization, string channel)
    {
        for (var i = 0; i < normalization.ChannelNames.Count; i++)
        {
            if (string.Equals(normalization.ChannelNames[i], channel, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void RequireKind(CheckpointMetadata metadata, string path)
    {
        if (!string.Equals(metadata.Kind, Kind, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} holds a {metadata.Kind}, not a {Kind}.");
        }
    }
}
