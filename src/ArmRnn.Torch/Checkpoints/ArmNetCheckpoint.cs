using System.Globalization;
using System.Text.Json.Nodes;
using ArmRnn.Layouts;
using ArmRnn.Torch.Networks;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Checkpoints;

/// <summary>Saves and loads <see cref="ArmNet"/>s with their metadata (<see cref="CheckpointMetadata"/>), atomically.</summary>
public static class ArmNetCheckpoint
{
    /// <summary>The metadata kind of ArmNet checkpoints.</summary>
    public const string Kind = "ArmNet";

    internal const string StateDictSection = "state_dict";

    /// <summary>Writes <paramref name="network"/> and its metadata to <paramref name="path"/> (atomically: readers see
    /// the old file or the whole new one).</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="network">The network.</param>
    /// <param name="generation">Its pipeline generation.</param>
    /// <param name="seed">The seed it was created and trained with.</param>
    /// <param name="training">The training configuration, when known (e.g. from
    /// <see cref="Training.ArmNetTrainingOptions.ToJson"/>).</param>
    public static void Save(string path, ArmNet network, int generation = 0, ulong seed = 0, JsonObject? training = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var metadata = CreateMetadata(network, generation, seed, training);
        CheckpointFile.Write(path, metadata, [new(StateDictSection, network.WriteStateDict)]);
    }

    /// <summary>Reads only the metadata of a checkpoint.</summary>
    /// <exception cref="InvalidDataException">The file is not an ArmRnn checkpoint.</exception>
    public static CheckpointMetadata ReadMetadata(string path) => CheckpointFile.Read(path).Metadata;

    /// <summary>
    /// Creates the ArmNet stored in <paramref name="path"/> for <paramref name="layout"/>.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="layout">The layout the network must predict; its channel names and units must match the file's.</param>
    /// <param name="device">Where to put it; the default device when null.</param>
    /// <exception cref="InvalidDataException">The file is not an ArmNet checkpoint, or its layout differs; the message
    /// says what differs.</exception>
    public static ArmNet Load(string path, StateLayout layout, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var (metadata, sections) = CheckpointFile.Read(path);
        RequireKind(metadata, path);
        var differences = DescribeLayoutDifferences(metadata, layout);
        if (differences.Count > 0)
        {
            throw new InvalidDataException($"{path} does not fit layout '{layout.Name}': {string.Join("; ", differences)}.");
        }

        var normalization = new ChannelNormalization(metadata.NormalizationChannels, metadata.NormalizationMean, metadata.NormalizationStd);
        var network = new ArmNet(layout, metadata.ExcitationNames, metadata.Dt, normalization, metadata.ArmNet, device);
        try
        {
            network.ReadStateDict(sections[StateDictSection]);
        }
        catch
        {
            network.Dispose();
            throw;
        }

        return network;
    }

    /// <summary>Loads the weights and normalisation in <paramref name="path"/> into an existing network, after checking
    /// that the architecture, layout and excitations match.</summary>
    /// <exception cref="InvalidDataException">They do not match; the message lists every difference.</exception>
    public static CheckpointMetadata LoadInto(string path, ArmNet network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var (metadata, sections) = CheckpointFile.Read(path);
        RequireKind(metadata, path);
        var differences = DescribeDifferences(metadata, network);
        if (differences.Count > 0)
        {
            throw new InvalidDataException($"{path} does not match this ArmNet: {string.Join("; ", differences)}.");
        }

        network.ReadStateDict(sections[StateDictSection]);
        network.ReplaceNormalization(new ChannelNormalization(metadata.NormalizationChannels, metadata.NormalizationMean, metadata.NormalizationStd));
        return metadata;
    }

    /// <summary>Every difference between a checkpoint's metadata and <paramref name="network"/> (architecture, layout,
    /// excitations, control step); empty when they match.</summary>
    public static IReadOnlyList<string> DescribeDifferences(CheckpointMetadata metadata, ArmNet network)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(network);
        var differences = new List<string>();
        var saved = metadata.ArmNet ?? new ArmNetOptions();
        var actual = network.Options;
        if (saved.Cell != actual.Cell)
        {
            differences.Add($"the checkpoint's cell is {saved.Cell} but the network's is {actual.Cell}");
        }

        if (saved.HiddenSize != actual.HiddenSize)
        {
            differences.Add($"the checkpoint has {saved.HiddenSize} hidden units but the network has {actual.HiddenSize}");
        }

        if (saved.Layers != actual.Layers)
        {
            differences.Add($"the checkpoint has {saved.Layers} layers but the network has {actual.Layers}");
        }

        if (saved.FeedInitialStateAsInput != actual.FeedInitialStateAsInput)
        {
            differences.Add($"the checkpoint {(saved.FeedInitialStateAsInput ? "feeds" : "does not feed")} the initial state as an input but the network {(actual.FeedInitialStateAsInput ? "does" : "does not")}");
        }

        differences.AddRange(DescribeLayoutDifferences(metadata, network.Layout));
        differences.AddRange(DescribeNames("excitations", metadata.ExcitationNames, network.ExcitationNames));
        if (metadata.Dt != network.Dt)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"the checkpoint's control step is {metadata.Dt} s but the network's is {network.Dt} s"));
        }

        return differences;
    }

    internal static CheckpointMetadata CreateMetadata(ArmNet network, int generation, ulong seed, JsonObject? training) => new()
    {
        Kind = Kind,
        Generation = generation,
        Seed = seed,
        ArmNet = network.Options,
        LayoutName = network.Layout.Name,
        ChannelNames = network.Layout.ChannelNames,
        ChannelUnits = [.. network.Layout.Channels.Select(c => c.Unit)],
        ExcitationNames = network.ExcitationNames,
        Dt = network.Dt,
        NormalizationChannels = network.Normalization.ChannelNames,
        NormalizationMean = network.Normalization.Mean,
        NormalizationStd = network.Normalization.Std,
        Training = training,
    };

    internal static IReadOnlyList<string> DescribeLayoutDifferences(CheckpointMetadata metadata, StateLayout layout)
    {
        var differences = DescribeNames("state channels", metadata.ChannelNames, layout.ChannelNames);
        if (differences.Count == 0 && metadata.ChannelUnits.Count == layout.Count)
        {
            for (var i = 0; i < layout.Count; i++)
            {
                if (!string.Equals(metadata.ChannelUnits[i], layout[i].Unit, StringComparison.Ordinal))
                {
                    differences.Add($"state channel {i} '{layout[i].Name}' is in '{metadata.ChannelUnits[i]}' in the checkpoint but in '{layout[i].Unit}' in layout '{layout.Name}'");
                    break;
                }
            }
        }

        return differences;
    }

    internal static List<string> DescribeNames(string what, IReadOnlyList<string> saved, IReadOnlyList<string> actual)
    {
        var differences = new List<string>();
        if (saved.Count != actual.Count)
        {
            differences.Add($"the checkpoint has {saved.Count} {what} but {actual.Count} are expected");
        }

        var common = Math.Min(saved.Count, actual.Count);
        for (var i = 0; i < common; i++)
        {
            if (!string.Equals(saved[i], actual[i], StringComparison.Ordinal))
            {
                differences.Add($"{what} {i} is '{saved[i]}' in the checkpoint but '{actual[i]}' is expected");
                break;
            }
        }

        return differences;
    }

    private static void RequireKind(CheckpointMetadata metadata, string path)
    {
        if (!string.Equals(metadata.Kind, Kind, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} holds a {metadata.Kind}, not an {Kind}.");
        }
    }
}
