using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Layouts;
using PureHDF;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Reads and writes a <see cref="PopulationRecording"/> as one HDF5 file (format <c>armrnn-population</c>, version 1),
/// following the conventions of the trajectory files (<c>docs/dataset-format.md</c>): float64 C-order datasets with
/// their true shapes, variable-length UTF-8 string lists for names, root attributes, a <c>provenance</c> group, atomic
/// writes. The layout is described in <c>docs/analysis.md</c>.
/// </summary>
/// <remarks>A round trip is exact: every double keeps its bits and every name and attribute is restored.</remarks>
public static class PopulationRecordingHdf5
{
    /// <summary>The value of the root attribute <c>format</c>.</summary>
    public const string FormatName = "armrnn-population";

    /// <summary>The format version written and read.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes <paramref name="recording"/> to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, PopulationRecording recording)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(recording);
        var c = (ulong)recording.Conditions;
        var t = (ulong)recording.Steps;
        var provenance = new H5Group();
        foreach (var (key, value) in recording.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("A provenance key is empty; HDF5 attribute names cannot be empty.", nameof(recording));
            }

            provenance.Attributes[key] = value ?? string.Empty;
        }

        var layout = recording.Layout;
        var file = new H5File
        {
            ["hidden"] = new H5Dataset(recording.Hidden.UnsafeGetArray(), fileDims: [c, t, (ulong)recording.Units]),
            ["task_inputs"] = new H5Dataset(recording.TaskInputs.UnsafeGetArray(), fileDims: [c, t, (ulong)recording.TaskInputNames.Count]),
            ["excitations"] = new H5Dataset(recording.Excitations.UnsafeGetArray(), fileDims: [c, t, (ulong)recording.ExcitationNames.Count]),
            ["states"] = new H5Dataset(recording.States.UnsafeGetArray(), fileDims: [c, t, (ulong)layout.Count]),
            ["time"] = new H5Dataset(Enumerable.Range(0, recording.Steps).Select(recording.Time).ToArray(), fileDims: [t]),
            ["trial_counts"] = new H5Dataset(recording.TrialCounts.ToArray(), fileDims: [c]),
            ["target_offsets"] = new H5Dataset(recording.TargetOffsets.UnsafeGetArray(), fileDims: [c, 3]),
            ["channel_names"] = Strings(layout.Channels.Select(ch => ch.Name)),
            ["channel_units"] = Strings(layout.Channels.Select(ch => ch.Unit)),
            ["channel_groups"] = Strings(layout.Channels.Select(ch => ch.Group.Name)),
            ["channel_elements"] = Strings(layout.Channels.Select(ch => ch.Element)),
            ["excitation_names"] = Strings(recording.ExcitationNames),
            ["task_input_names"] = Strings(recording.TaskInputNames),
            ["provenance"] = provenance,
            Attributes = new()
            {
                ["format"] = FormatName,
                ["format_version"] = FormatVersion,
                ["dt"] = recording.Dt,
                ["alignment"] = AlignmentName(recording.Alignment),
                ["steps_before"] = recording.StepsBefore,
                ["onset_speed_fraction"] = recording.OnsetSpeedFraction,
                ["layout_name"] = layout.Name,
                ["conditions"] = recording.Conditions,
                ["steps"] = recording.Steps,
                ["units"] = recording.Units,
            },
        };
        AtomicFile.Write(path, stream => file.Write(stream));
    }

    /// <summary>Reads a recording written by <see cref="Write"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DatasetFormatException">The file is not a readable population recording; the message names
    /// the file and the problem.</exception>
    public static PopulationRecording Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The HDF5 population recording '{path}' does not exist.", path);
        }

        try
        {
            using var file = H5File.OpenRead(path);
            return ReadFile(path, file);
        }
        catch (DatasetFormatException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (UnauthorizedAccessException or OutOfMemoryException or OperationCanceledException))
        {
            throw new DatasetFormatException(path, $"not a readable population recording ({ex.GetType().Name}: {ex.Message}); expected root attribute format = \"{FormatName}\".", innerException: ex);
        }
    }

    /// <summary>The attribute value of an alignment event.</summary>
    public static string AlignmentName(AlignmentEvent alignment) => alignment switch
    {
        AlignmentEvent.TrialStart => "trial_start",
        AlignmentEvent.GoCue => "go_cue",
        AlignmentEvent.MovementOnset => "movement_onset",
        _ => throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "Unknown alignment event."),
    };

    private static PopulationRecording ReadFile(string path, IH5Group root)
    {
        DatasetFormatException Fail(string problem) => new(path, problem);
        string Text(string name) => root.AttributeExists(name) ? root.Attribute(name).Read<string>() : throw Fail($"attribute '{name}' is missing.");
        int Integer(string name) => root.AttributeExists(name) ? root.Attribute(name).Read<int>() : throw Fail($"attribute '{name}' is missing.");
        double Real(string name) => root.AttributeExists(name) ? root.Attribute(name).Read<double>() : throw Fail($"attribute '{name}' is missing.");
        IH5Dataset Dataset(string name) => root.LinkExists(name) && root.Get(name) is IH5Dataset d ? d : throw Fail($"dataset '{name}' is missing.");
        string[] Names(string name) => Dataset(name).Space.Dimensions is [0] ? [] : Dataset(name).Read<string[]>();
        TrajectoryArray Array3(string name, int a, int b, int channels)
        {
            var dataset = Dataset(name);
            ulong[] expected = [(ulong)a, (ulong)b, (ulong)channels];
            if (!dataset.Space.Dimensions.SequenceEqual(expected))
            {
                throw Fail($"dataset '{name}' has shape [{string.Join(", ", dataset.Space.Dimensions)}] but [{a}, {b}, {channels}] was expected.");
            }

            return new TrajectoryArray(a, b, channels, a * b * channels == 0 ? new double[0] : dataset.Read<double[]>());
        }

        if (!root.AttributeExists("format") || Text("format") != FormatName)
        {
            throw Fail($"root attribute 'format' is not \"{FormatName}\": not an ArmRnn population recording.");
        }

        var version = Integer("format_version");
        if (version != FormatVersion)
        {
            throw Fail($"format_version is {version}; this version reads {FormatVersion} only.");
        }

        var alignmentName = Text("alignment");
        var alignment = Enum.GetValues<AlignmentEvent>().FirstOrDefault(a => AlignmentName(a) == alignmentName, (AlignmentEvent)(-1));
        if (!Enum.IsDefined(alignment))
        {
            throw Fail($"attribute 'alignment' is \"{alignmentName}\" but trial_start, go_cue or movement_onset was expected.");
        }

        var conditions = Integer("conditions");
        var steps = Integer("steps");
        var units = Integer("units");
        var channelNames = Names("channel_names");
        var unitsOfChannels = Names("channel_units");
        var groups = Names("channel_groups");
        var elements = Names("channel_elements");
        if (unitsOfChannels.Length != channelNames.Length || groups.Length != channelNames.Length || elements.Length != channelNames.Length)
        {
            throw Fail($"channel_names has {channelNames.Length} entries but channel_units, channel_groups and channel_elements have {unitsOfChannels.Length}, {groups.Length} and {elements.Length}.");
        }

        var layout = new StateLayout(Text("layout_name"), channelNames.Select((n, i) => new StateChannel(n, unitsOfChannels[i], new ChannelGroup(groups[i]), elements[i])));
        var excitationNames = Names("excitation_names");
        var taskInputNames = Names("task_input_names");
        var counts = Dataset("trial_counts").Read<int[]>();
        if (counts.Length != conditions)
        {
            throw Fail($"trial_counts has {counts.Length} entries for {conditions} conditions.");
        }

        var targets = Dataset("target_offsets").Read<double[]>();
        if (targets.Length != conditions * 3)
        {
            throw Fail($"target_offsets has {targets.Length} values but [{conditions}, 3] was expected.");
        }

        var provenance = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.LinkExists("provenance") && root.Get("provenance") is IH5Group group)
        {
            foreach (var attribute in group.Attributes())
            {
                provenance[attribute.Name] = attribute.Read<string>() ?? string.Empty;
            }
        }

        try
        {
            return new PopulationRecording(
                layout,
                excitationNames,
                taskInputNames,
                Real("dt"),
                alignment,
                Integer("steps_before"),
                Real("onset_speed_fraction"),
                counts,
                new TrajectoryArray(conditions, 1, 3, targets),
                Array3("hidden", conditions, steps, units),
                Array3("task_inputs", conditions, steps, taskInputNames.Length),
                Array3("excitations", conditions, steps, excitationNames.Length),
                Array3("states", conditions, steps, layout.Count),
                provenance);
        }
        catch (ArgumentException ex)
        {
            throw new DatasetFormatException(path, string.Create(CultureInfo.InvariantCulture, $"the stored recording is inconsistent: {ex.Message}"), innerException: ex);
        }
    }

    private static H5Dataset Strings(IEnumerable<string> values)
    {
        var array = values.ToArray();
        return new H5Dataset(array, fileDims: [(ulong)array.Length]);
    }
}
