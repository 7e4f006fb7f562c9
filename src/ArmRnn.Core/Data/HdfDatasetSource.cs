using ArmRnn.Abstractions;

namespace ArmRnn.Data;

/// <summary>
/// A dataset source that reads HDF5 trajectory files (see <see cref="TrajectoryBatchHdf5"/>): one batch per file,
/// in the order given. Files are opened lazily, one at a time, when the enumeration reaches them.
/// </summary>
public sealed class HdfDatasetSource : IDatasetSource
{
    private readonly string[] _paths;

    /// <summary>Creates a source over the given files.</summary>
    /// <param name="paths">The HDF5 trajectory files, in the order their batches are produced. At least one.</param>
    /// <exception cref="ArgumentException">No paths were given, or one is empty.</exception>
    public HdfDatasetSource(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = [.. paths];
        if (_paths.Length == 0)
        {
            throw new ArgumentException("An HDF5 dataset source needs at least one file.", nameof(paths));
        }

        for (var i = 0; i < _paths.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(_paths[i]))
            {
                throw new ArgumentException($"Path {i} is empty.", nameof(paths));
            }
        }

        Paths = Array.AsReadOnly(_paths);
    }

    /// <summary>The files, in the order their batches are produced.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <inheritdoc />
    public string Description => _paths.Length == 1
        ? $"HDF5 trajectories from {_paths[0]}"
        : $"HDF5 trajectories from {_paths.Length} files ({_paths[0]} ... {_paths[^1]})";

    /// <summary>
    /// A source over every file in <paramref name="folder"/> that matches <paramref name="searchPattern"/>, in
    /// ordinal order of their file names (so <c>part-000.h5</c>, <c>part-001.h5</c>, ... come in sequence).
    /// </summary>
    /// <param name="folder">The folder to list (not recursively).</param>
    /// <param name="searchPattern">A file name pattern, by default <c>*.h5</c>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">No file matches.</exception>
    public static HdfDatasetSource FromFolder(string folder, string searchPattern = "*.h5")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(searchPattern);
        var files = Directory.GetFiles(folder, searchPattern)
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new ArgumentException($"No file in '{folder}' matches '{searchPattern}'.", nameof(folder));
        }

        return new HdfDatasetSource(files);
    }

    /// <inheritdoc />
    /// <exception cref="DatasetFormatException">A file is not a valid trajectory file (raised when it is reached).</exception>
    /// <exception cref="FileNotFoundException">A file does not exist (raised when it is reached).</exception>
    public IEnumerable<TrajectoryBatch> ReadBatches(CancellationToken cancellationToken = default)
    {
        foreach (var path in _paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return TrajectoryBatchHdf5.Read(path);
        }
    }
}
