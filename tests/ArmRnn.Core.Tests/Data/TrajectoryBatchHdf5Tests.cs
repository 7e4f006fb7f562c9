using ArmRnn.Data;
using ArmRnn.Layouts;
using PureHDF;

namespace ArmRnn.Core.Tests.Data;

public sealed class TrajectoryBatchHdf5Tests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void RoundTrip_IsBitwiseExact_WithAllNamesGenerationAndProvenance(int taskInputs)
    {
        var provenance = new Dictionary<string, string>
        {
            ["plant"] = "arm26 (managed OpenSim engine)",
            ["seed"] = "42",
            ["key/with/slashes.and dots"] = "value with ü",
            ["empty"] = string.Empty,
        };
        var batch = TrajectoryBatchSamples.Random(
            seed: 7, TrajectoryBatchSamples.OddLayout, batchSize: 4, steps: 9, excitations: 6, taskInputs, generation: 3, provenance, dt: 0.0123);
        var path = _folder.File("batch.h5");

        TrajectoryBatchHdf5.Write(path, batch);
        var read = TrajectoryBatchHdf5.Read(path);

        AssertSameBatch(batch, read);
    }

    [Fact]
    public void RoundTrip_Arm26Layout_KeepsTheLayout()
    {
        var batch = TrajectoryBatchSamples.Random(seed: 1, Arm26Layout.Full, batchSize: 2, steps: 5, excitations: 6, taskInputs: 3);
        var path = _folder.File("arm26.h5");

        TrajectoryBatchHdf5.Write(path, batch);
        var read = TrajectoryBatchHdf5.Read(path);

        Assert.Equal(Arm26Layout.Full, read.Layout);
        AssertSameBatch(batch, read);
    }

    [Fact]
    public void RoundTrip_EmptyBatchAndZeroSteps()
    {
        var batch = TrajectoryBatchSamples.Random(seed: 2, TrajectoryBatchSamples.OddLayout, batchSize: 0, steps: 0, excitations: 6, taskInputs: 0);
        var path = _folder.File("empty-batch.h5");

        TrajectoryBatchHdf5.Write(path, batch);
        var read = TrajectoryBatchHdf5.Read(path);

        AssertSameBatch(batch, read);
    }

    [Fact]
    public void Write_CreatesTheFolder_AndReplacesAnExistingFile()
    {
        var path = Path.Combine(_folder.Path, "new", "sub", "batch.h5");
        var first = TrajectoryBatchSamples.Random(seed: 3, TrajectoryBatchSamples.OddLayout, 2, 3, 2, 0, generation: 1);
        var second = TrajectoryBatchSamples.Random(seed: 4, TrajectoryBatchSamples.OddLayout, 3, 4, 2, 1, generation: 2);

        TrajectoryBatchHdf5.Write(path, first);
        TrajectoryBatchHdf5.Write(path, second);

        AssertSameBatch(second, TrajectoryBatchHdf5.Read(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Write_RejectsAnEmptyProvenanceKey()
    {
        var batch = TrajectoryBatchSamples.Random(seed: 5, TrajectoryBatchSamples.OddLayout, 1, 2, 1, 0, provenance: new Dictionary<string, string> { [string.Empty] = "x" });
        var path = _folder.File("bad.h5");

        Assert.Throws<ArgumentException>(() => TrajectoryBatchHdf5.Write(path, batch));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsDatasetFormatExceptionNamingTheFile()
    {
        var path = _folder.File("truncated.h5");
        TrajectoryBatchHdf5.Write(path, TrajectoryBatchSamples.Random(seed: 6, Arm26Layout.Full, 8, 50, 6, 3));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DatasetFormatException>(() => TrajectoryBatchHdf5.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsDatasetFormatExceptionNamingTheFile()
    {
        var path = _folder.File("empty.h5");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<DatasetFormatException>(() => TrajectoryBatchHdf5.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextFileNamedH5_ThrowsDatasetFormatExceptionNamingTheFile()
    {
        var path = _folder.File("notes.h5");
        File.WriteAllText(path, "These are not trajectories.\nJust text that someone named .h5.\n");

        var error = Assert.Throws<DatasetFormatException>(() => TrajectoryBatchHdf5.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HdfFileWithoutFormatAttribute_ThrowsDatasetFormatExceptionNamingTheFileAndTheAttribute()
    {
        var path = _folder.File("foreign.h5");
        new H5File { ["data"] = new double[] { 1, 2, 3 }, Attributes = new() { ["title"] = "someone else's file" } }.Write(path);

        var error = Assert.Throws<DatasetFormatException>(() => TrajectoryBatchHdf5.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'format'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => TrajectoryBatchHdf5.Read(_folder.File("nope.h5")));
    }

    [Fact]
    public void Read_HandWrittenFileFollowingTheDocs_WithInt64Attributes_IsRead()
    {
        // What a Python writer produces: numpy's default integers are int64.
        var path = _folder.File("python-style.h5");
        HandWrittenFile().Write(path);

        var batch = TrajectoryBatchHdf5.Read(path);

        Assert.Equal(2, batch.BatchSize);
        Assert.Equal(3, batch.Steps);
        Assert.Equal(0.5, batch.Dt);
        Assert.Equal(["a", "b"], batch.Layout.ChannelNames);
        Assert.Equal(new ChannelGroup("g"), batch.Layout[1].Group);
        Assert.Equal(5.0, batch.States[1, 2, 1]);
        Assert.Equal("python", batch.Provenance["writer"]);
    }

    [Theory]
    [InlineData("format_version", "format_version is 2")]
    [InlineData("states", "dataset 'states' has shape [2, 3, 3] but [2, 3, 2] was expected")]
    [InlineData("channel_units", "dataset 'channel_units' has 1 entries but 'channel_names' has 2")]
    [InlineData("time", "time[2] is 9")]
    [InlineData("dt", "attribute 'dt' is -0.5")]
    [InlineData("format", "\"something-else\" but \"armrnn-trajectories\" was expected")]
    [InlineData("excitations", "dataset 'excitations' is missing")]
    public void Read_InconsistentFile_NamesTheProblem(string broken, string expected)
    {
        var path = _folder.File($"broken-{broken}.h5");
        var file = HandWrittenFile();
        switch (broken)
        {
            case "format_version": file.Attributes["format_version"] = 2L; break;
            case "states": file["states"] = new H5Dataset(new double[18], fileDims: [2, 3, 3]); break;
            case "channel_units": file["channel_units"] = new[] { "m" }; break;
            case "time": file["time"] = new[] { 0.5, 1.0, 9.0 }; break;
            case "dt": file.Attributes["dt"] = -0.5; break;
            case "format": file.Attributes["format"] = "something-else"; break;
            case "excitations": file.Remove("excitations"); break;
            default: throw new ArgumentOutOfRangeException(nameof(broken));
        }

        file.Write(path);

        var error = Assert.Throws<DatasetFormatException>(() => TrajectoryBatchHdf5.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HdfDatasetSource_ReadsOneBatchPerFileInOrder()
    {
        var paths = new List<string>();
        var batches = new List<TrajectoryBatch>();
        for (var i = 0; i < 3; i++)
        {
            var batch = TrajectoryBatchSamples.Random(seed: 10 + i, TrajectoryBatchSamples.OddLayout, 2, 4, 3, 1, generation: i);
            var path = _folder.File($"part-{i:000}.h5");
            TrajectoryBatchHdf5.Write(path, batch);
            paths.Add(path);
            batches.Add(batch);
        }

        var source = new HdfDatasetSource(paths);
        var read = source.ReadBatches().ToList();
        var fromFolder = HdfDatasetSource.FromFolder(_folder.Path).ReadBatches().ToList();

        Assert.Equal(3, read.Count);
        for (var i = 0; i < 3; i++)
        {
            AssertSameBatch(batches[i], read[i]);
            AssertSameBatch(batches[i], fromFolder[i]);
        }

        Assert.Contains("3 files", source.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void HdfDatasetSource_StopsWhenCancelled()
    {
        var path = _folder.File("one.h5");
        TrajectoryBatchHdf5.Write(path, TrajectoryBatchSamples.Random(seed: 20, TrajectoryBatchSamples.OddLayout, 1, 2, 1, 0));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => new HdfDatasetSource([path, path]).ReadBatches(cancellation.Token).ToList());
    }

    [Fact]
    public void HdfDatasetSource_RejectsAnEmptyList()
    {
        Assert.Throws<ArgumentException>(() => new HdfDatasetSource([]));
    }

    /// <summary>A minimal valid file built by hand from docs/dataset-format.md, with int64 integer attributes.</summary>
    private static H5File HandWrittenFile() => new()
    {
        ["initial_states"] = new H5Dataset(new double[] { 1, 2, 3, 4 }, fileDims: [2, 2]),
        ["states"] = new H5Dataset(new double[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 }, fileDims: [2, 3, 2]),
        ["excitations"] = new H5Dataset(new double[6], fileDims: [2, 3, 1]),
        ["task_inputs"] = new H5Dataset(Array.Empty<double>(), fileDims: [2, 3, 0]),
        ["time"] = new[] { 0.5, 1.0, 1.5 },
        ["channel_names"] = new[] { "a", "b" },
        ["channel_units"] = new[] { "m", "N" },
        ["channel_groups"] = new[] { "other", "g" },
        ["channel_elements"] = new[] { "e", "f" },
        ["excitation_names"] = new[] { "m0" },
        ["task_input_names"] = new H5Dataset(Array.Empty<string>(), fileDims: [0]),
        ["provenance"] = new H5Group { Attributes = new() { ["writer"] = "python" } },
        Attributes = new()
        {
            ["format"] = "armrnn-trajectories",
            ["format_version"] = 1L,
            ["dt"] = 0.5,
            ["generation"] = 0L,
            ["layout_name"] = "hand",
            ["batch_size"] = 2L,
            ["steps"] = 3L,
        },
    };

    private static void AssertSameBatch(TrajectoryBatch expected, TrajectoryBatch actual)
    {
        Assert.Equal(expected.Layout, actual.Layout);
        Assert.Equal(expected.Layout.Name, actual.Layout.Name);
        for (var i = 0; i < expected.Layout.Count; i++)
        {
            Assert.Equal(expected.Layout[i], actual.Layout[i]);
        }

        Assert.Equal(expected.ExcitationNames, actual.ExcitationNames);
        Assert.Equal(expected.TaskInputs.Names, actual.TaskInputs.Names);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Dt), BitConverter.DoubleToInt64Bits(actual.Dt));
        Assert.Equal(expected.Generation, actual.Generation);
        Assert.Equal(expected.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Provenance.OrderBy(p => p.Key, StringComparer.Ordinal));
        AssertBitwiseEqual(expected.InitialStates, actual.InitialStates);
        AssertBitwiseEqual(expected.States, actual.States);
        AssertBitwiseEqual(expected.Excitations, actual.Excitations);
        AssertBitwiseEqual(expected.TaskInputs.Values, actual.TaskInputs.Values);
    }

    private static void AssertBitwiseEqual(TrajectoryArray expected, TrajectoryArray actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.AsSpan();
        var a = actual.AsSpan();
        for (var i = 0; i < e.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(e[i]) != BitConverter.DoubleToInt64Bits(a[i]))
            {
                Assert.Fail($"Value {i}: expected {e[i]:R} (bits {BitConverter.DoubleToInt64Bits(e[i]):X16}) but read {a[i]:R} (bits {BitConverter.DoubleToInt64Bits(a[i]):X16}).");
            }
        }
    }
}
