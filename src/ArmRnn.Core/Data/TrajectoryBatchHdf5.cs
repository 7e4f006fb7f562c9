using System.Globalization;
using ArmRnn.Layouts;
using PureHDF;

namespace ArmRnn.Data;

/// <summary>
/// Reads and writes a <see cref="TrajectoryBatch"/> as one HDF5 file (format <c>armrnn-trajectories</c>, version 1).
/// The layout is described in <c>docs/dataset-format.md</c>: datasets <c>initial_states</c> <c>[B, C]</c>,
/// <c>states</c> <c>[B, T, C]</c>, <c>excitations</c> <c>[B, T, M]</c>, <c>task_inputs</c> <c>[B, T, K]</c> and
/// <c>time</c> <c>[T]</c> (float64, C order), string datasets with the channel names, units, groups and elements and
/// the excitation and task input names, root attributes (<c>format</c>, <c>format_version</c>, <c>dt</c>,
/// <c>generation</c>, <c>layout_name</c>, <c>batch_size</c>, <c>steps</c>) and a group <c>provenance</c> with one
/// string attribute per provenance entry.
/// </summary>
/// <remarks>
/// A round trip is exact: every double keeps its bits, and every name, unit, group, element and provenance entry
/// is restored. Files are written atomically (see <see cref="AtomicFile"/>). Files open in h5py, MATLAB and any other
/// HDF5 reader; multidimensional datasets have their true shapes.
/// </remarks>
public static class TrajectoryBatchHdf5
{
    /// <summary>The value of the root attribute <c>format</c>.</summary>
    public const string FormatName = "armrnn-trajectories";

    /// <summary>The value of the root attribute <c>format_version</c> written by this version of ArmRnn, and the only
    /// version it reads.</summary>
    public const int FormatVersion = 1;

    private const string InitialStatesName = "initial_states";
    private const string StatesName = "states";
    private const string ExcitationsName = "excitations";
    private const string TaskInputsName = "task_inputs";
    private const string TimeName = "time";
    private const string ChannelNamesName = "channel_names";
    private const string ChannelUnitsName = "channel_units";
    private const string ChannelGroupsName = "channel_groups";
    private const string ChannelElementsName = "channel_elements";
    private const string ExcitationNamesName = "excitation_names";
    private const string TaskInputNamesName = "task_input_names";
    private const string ProvenanceGroupName = "provenance";

    /// <summary>Relative tolerance when checking the stored <c>time</c> dataset against <c>(t+1)·dt</c>.</summary>
    private const double TimeRelativeTolerance = 1e-9;

    /// <summary>Writes <paramref name="batch"/> to <paramref name="path"/>, atomically, replacing any existing file.</summary>
    /// <param name="path">The destination file (conventionally <c>*.h5</c>); its folder is created if missing.</param>
    /// <param name="batch">The batch to store.</param>
    /// <exception cref="ArgumentException">A provenance key is empty (HDF5 attribute names cannot be empty), or a
    /// channel has a <see langword="null"/> name, unit or element.</exception>
    public static void Write(string path, TrajectoryBatch batch)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(batch);
        var file = BuildFile(batch);
        AtomicFile.Write(path, stream => file.Write(stream));
    }

    /// <summary>Reads a batch written by <see cref="Write"/> (or by any tool that follows the documented layout).</summary>
    /// <param name="path">The HDF5 file.</param>
    /// <returns>The batch, with its layout, names, generation and provenance.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DatasetFormatException">The file is empty, truncated, not HDF5, not an ArmRnn trajectory file,
    /// of another format version, or inconsistent (a shape disagrees with a name count, ...). The message names the
    /// file and the problem; the inner exception, if any, is the HDF5 reader's.</exception>
    public static TrajectoryBatch Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The HDF5 trajectory file '{path}' does not exist.", path);
        }

        try
        {
            using var file = H5File.OpenRead(path);
            return new Reader(path, file).ReadBatch();
        }
        catch (DatasetFormatException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (UnauthorizedAccessException or OutOfMemoryException or OperationCanceledException))
        {
            throw new DatasetFormatException(
                path,
                $"not a readable HDF5 file, or a damaged or truncated one ({ex.GetType().Name}: {ex.Message}). "
                + $"Expected an ArmRnn trajectory file (root attribute format = \"{FormatName}\").",
                innerException: ex);
        }
    }

    private static H5File BuildFile(TrajectoryBatch batch)
    {
        var b = (ulong)batch.BatchSize;
        var t = (ulong)batch.Steps;
        var layout = batch.Layout;
        var c = (ulong)layout.Count;
        var m = (ulong)batch.ExcitationNames.Count;
        var k = (ulong)batch.TaskInputs.Names.Count;

        var time = new double[batch.Steps];
        for (var step = 0; step < time.Length; step++)
        {
            time[step] = batch.StateTime(step);
        }

        var provenance = new H5Group();
        foreach (var (key, value) in batch.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("A provenance key is empty; HDF5 attribute names cannot be empty.", nameof(batch));
            }

            provenance.Attributes[key] = value ?? string.Empty;
        }

        return new H5File
        {
            [InitialStatesName] = new H5Dataset(batch.InitialStates.UnsafeGetArray(), fileDims: [b, c]),
            [StatesName] = new H5Dataset(batch.States.UnsafeGetArray(), fileDims: [b, t, c]),
            [ExcitationsName] = new H5Dataset(batch.Excitations.UnsafeGetArray(), fileDims: [b, t, m]),
            [TaskInputsName] = new H5Dataset(batch.TaskInputs.Values.UnsafeGetArray(), fileDims: [b, t, k]),
            [TimeName] = new H5Dataset(time, fileDims: [t]),
            [ChannelNamesName] = StringDataset(layout.Channels.Select(ch => ch.Name), "channel name"),
            [ChannelUnitsName] = StringDataset(layout.Channels.Select(ch => ch.Unit), "channel unit"),
            [ChannelGroupsName] = StringDataset(layout.Channels.Select(ch => ch.Group.Name), "channel group"),
            [ChannelElementsName] = StringDataset(layout.Channels.Select(ch => ch.Element), "channel element"),
            [ExcitationNamesName] = StringDataset(batch.ExcitationNames, "excitation name"),
            [TaskInputNamesName] = StringDataset(batch.TaskInputs.Names, "task input name"),
            [ProvenanceGroupName] = provenance,
            Attributes = new()
            {
                ["format"] = FormatName,
                ["format_version"] = FormatVersion,
                ["dt"] = batch.Dt,
                ["generation"] = batch.Generation,
                ["layout_name"] = layout.Name,
                ["batch_size"] = batch.BatchSize,
                ["steps"] = batch.Steps,
            },
        };
    }

    private static H5Dataset StringDataset(IEnumerable<string?> values, string what)
    {
        var array = values.ToArray();
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i] is null)
            {
                throw new ArgumentException($"The {what} at index {i} is null.", nameof(values));
            }
        }

        return new H5Dataset(array, fileDims: [(ulong)array.Length]);
    }

    /// <summary>Reads and validates one open file; every problem becomes a <see cref="DatasetFormatException"/>.</summary>
    private sealed class Reader(string path, IH5Group root)
    {
        public TrajectoryBatch ReadBatch()
        {
            var format = ReadFormat();
            if (!string.Equals(format, FormatName, StringComparison.Ordinal))
            {
                throw Fail($"root attribute 'format' is \"{format}\" but \"{FormatName}\" was expected: not an ArmRnn trajectory file.");
            }

            var version = ReadIntegerAttribute(root, "format_version");
            if (version != FormatVersion)
            {
                throw Fail(version > FormatVersion
                    ? $"format_version is {version}, written by a newer ArmRnn; this version reads format_version {FormatVersion} only."
                    : $"format_version is {version} but {FormatVersion} was expected.");
            }

            var dt = ReadDoubleAttribute(root, "dt");
            if (!(dt > 0) || !double.IsFinite(dt))
            {
                throw Fail($"attribute 'dt' is {Format(dt)} but a positive, finite control step (s) was expected.");
            }

            var generation = ReadIntegerAttribute(root, "generation");
            var batchSize = ReadIntegerAttribute(root, "batch_size");
            var steps = ReadIntegerAttribute(root, "steps");
            if (generation < 0 || batchSize < 0 || steps < 0)
            {
                throw Fail($"generation ({generation}), batch_size ({batchSize}) and steps ({steps}) must not be negative.");
            }

            var layoutName = ReadStringAttribute(root, "layout_name");

            var channelNames = ReadStrings(ChannelNamesName);
            var channelCount = channelNames.Length;
            if (channelCount == 0)
            {
                throw Fail($"dataset '{ChannelNamesName}' is empty; a state layout needs at least one channel.");
            }

            var units = ReadStrings(ChannelUnitsName, channelCount, ChannelNamesName);
            var groups = ReadStrings(ChannelGroupsName, channelCount, ChannelNamesName);
            var elements = ReadStrings(ChannelElementsName, channelCount, ChannelNamesName);
            var excitationNames = ReadStrings(ExcitationNamesName);
            var taskInputNames = ReadStrings(TaskInputNamesName);

            StateLayout layout;
            try
            {
                layout = new StateLayout(
                    layoutName,
                    channelNames.Select((name, i) => new StateChannel(name, units[i], new ChannelGroup(groups[i]), elements[i])));
            }
            catch (ArgumentException ex)
            {
                throw Fail($"the stored state layout is invalid: {ex.Message}", ex);
            }

            var shapeNote = $"batch_size = {batchSize}, steps = {steps}";
            var initialStates = ReadDoubles(InitialStatesName, [batchSize, channelCount], $"{shapeNote}, {channelCount} channel_names");
            var states = ReadDoubles(StatesName, [batchSize, steps, channelCount], $"{shapeNote}, {channelCount} channel_names");
            var excitations = ReadDoubles(ExcitationsName, [batchSize, steps, excitationNames.Length], $"{shapeNote}, {excitationNames.Length} excitation_names");
            var taskInputs = ReadDoubles(TaskInputsName, [batchSize, steps, taskInputNames.Length], $"{shapeNote}, {taskInputNames.Length} task_input_names");
            var time = ReadDoubles(TimeName, [steps], shapeNote);
            for (var step = 0; step < steps; step++)
            {
                var expected = (step + 1) * dt;
                if (!(Math.Abs(time[step] - expected) <= TimeRelativeTolerance * expected))
                {
                    throw Fail($"time[{step}] is {Format(time[step])} but (step + 1) * dt = {Format(expected)} was expected (dt = {Format(dt)}).");
                }
            }

            var provenance = ReadProvenance();
            try
            {
                return new TrajectoryBatch(
                    layout,
                    excitationNames,
                    dt,
                    new TrajectoryArray(batchSize, 1, channelCount, initialStates),
                    new TrajectoryArray(batchSize, steps, excitationNames.Length, excitations),
                    new TrajectoryArray(batchSize, steps, channelCount, states),
                    new TaskInputSequence(taskInputNames, new TrajectoryArray(batchSize, steps, taskInputNames.Length, taskInputs)),
                    generation,
                    provenance);
            }
            catch (ArgumentException ex)
            {
                throw Fail($"the stored batch is inconsistent: {ex.Message}", ex);
            }
        }

        private string ReadFormat()
        {
            if (!root.AttributeExists("format"))
            {
                throw Fail($"the root group has no 'format' attribute: not an ArmRnn trajectory file (expected format = \"{FormatName}\").");
            }

            return ReadStringAttribute(root, "format");
        }

        private Dictionary<string, string> ReadProvenance()
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!root.LinkExists(ProvenanceGroupName))
            {
                throw Fail($"group '{ProvenanceGroupName}' is missing.");
            }

            if (root.Get(ProvenanceGroupName) is not IH5Group group)
            {
                throw Fail($"'{ProvenanceGroupName}' is not a group.");
            }

            foreach (var attribute in group.Attributes())
            {
                result[attribute.Name] = ReadStringAttribute(group, attribute.Name, $"{ProvenanceGroupName}/");
            }

            return result;
        }

        private string ReadStringAttribute(IH5Object owner, string name, string prefix = "")
        {
            var attribute = GetAttribute(owner, name, prefix);
            if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            {
                throw Fail($"attribute '{prefix}{name}' is of HDF5 type class {attribute.Type.Class} but a string was expected.");
            }

            return attribute.Read<string>() ?? throw Fail($"attribute '{prefix}{name}' holds a null string.");
        }

        private int ReadIntegerAttribute(IH5Object owner, string name)
        {
            var attribute = GetAttribute(owner, name, string.Empty);
            if (attribute.Type.Class != H5DataTypeClass.FixedPoint)
            {
                throw Fail($"attribute '{name}' is of HDF5 type class {attribute.Type.Class} but an integer was expected.");
            }

            var signed = attribute.Type.FixedPoint.IsSigned;
            long value = (attribute.Type.Size, signed) switch
            {
                (1, true) => attribute.Read<sbyte>(),
                (1, false) => attribute.Read<byte>(),
                (2, true) => attribute.Read<short>(),
                (2, false) => attribute.Read<ushort>(),
                (4, true) => attribute.Read<int>(),
                (4, false) => attribute.Read<uint>(),
                (8, true) => attribute.Read<long>(),
                (8, false) => (long)Math.Min(attribute.Read<ulong>(), (ulong)long.MaxValue),
                _ => throw Fail($"attribute '{name}' is a {attribute.Type.Size}-byte integer; 1, 2, 4 or 8 bytes were expected."),
            };
            if (value is < int.MinValue or > int.MaxValue)
            {
                throw Fail($"attribute '{name}' is {value}, outside the range of a 32-bit integer.");
            }

            return (int)value;
        }

        private double ReadDoubleAttribute(IH5Object owner, string name)
        {
            var attribute = GetAttribute(owner, name, string.Empty);
            if (attribute.Type.Class != H5DataTypeClass.FloatingPoint || attribute.Type.Size != 8)
            {
                throw Fail($"attribute '{name}' is of HDF5 type class {attribute.Type.Class} ({attribute.Type.Size} bytes) but a float64 was expected.");
            }

            return attribute.Read<double>();
        }

        private IH5Attribute GetAttribute(IH5Object owner, string name, string prefix)
        {
            if (!owner.AttributeExists(name))
            {
                throw Fail($"attribute '{prefix}{name}' is missing.");
            }

            return owner.Attribute(name);
        }

        private IH5Dataset GetDataset(string name)
        {
            if (!root.LinkExists(name))
            {
                throw Fail($"dataset '{name}' is missing.");
            }

            return root.Get(name) as IH5Dataset ?? throw Fail($"'{name}' is not a dataset.");
        }

        private string[] ReadStrings(string name, int? expectedLength = null, string? lengthSource = null)
        {
            var dataset = GetDataset(name);
            var dims = Dimensions(dataset);
            if (dims.Length != 1)
            {
                throw Fail($"dataset '{name}' has shape {Shape(dims)} but a one-dimensional list of strings was expected.");
            }

            if (expectedLength is { } length && dims[0] != (ulong)length)
            {
                throw Fail($"dataset '{name}' has {dims[0]} entries but '{lengthSource}' has {length}; they must match.");
            }

            if (dims[0] == 0)
            {
                return [];
            }

            if (dataset.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            {
                throw Fail($"dataset '{name}' is of HDF5 type class {dataset.Type.Class} but strings were expected.");
            }

            var values = dataset.Read<string[]>();
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is null)
                {
                    throw Fail($"dataset '{name}' entry {i} is a null string.");
                }
            }

            return values;
        }

        private double[] ReadDoubles(string name, int[] expectedShape, string shapeSource)
        {
            var dataset = GetDataset(name);
            var dims = Dimensions(dataset);
            var expected = expectedShape.Select(d => (ulong)d).ToArray();
            if (!dims.SequenceEqual(expected))
            {
                throw Fail($"dataset '{name}' has shape {Shape(dims)} but {Shape(expected)} was expected ({shapeSource}).");
            }

            var count = expected.Aggregate(1UL, (a, d) => a * d);
            if (count == 0)
            {
                return [];
            }

            if (dataset.Type.Class != H5DataTypeClass.FloatingPoint || dataset.Type.Size != 8)
            {
                throw Fail($"dataset '{name}' is of HDF5 type class {dataset.Type.Class} ({dataset.Type.Size} bytes) but float64 was expected.");
            }

            var values = dataset.Read<double[]>();
            if ((ulong)values.Length != count)
            {
                throw Fail($"dataset '{name}' returned {values.Length} values but its shape {Shape(dims)} holds {count}.");
            }

            return values;
        }

        private ulong[] Dimensions(IH5Dataset dataset) => dataset.Space.Type switch
        {
            H5DataspaceType.Simple => dataset.Space.Dimensions,
            H5DataspaceType.Scalar => [],
            _ => throw Fail($"dataset '{dataset.Name}' has a null dataspace (no data)."),
        };

        private static string Shape(IEnumerable<ulong> dims) =>
            "[" + string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private DatasetFormatException Fail(string problem, Exception? inner = null) => new(path, problem, innerException: inner);
    }
}
