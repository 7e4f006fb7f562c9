using System.Collections.ObjectModel;
using System.Globalization;

namespace ArmRnn.Data;

/// <summary>
/// The content of an OpenSim storage file (<c>.sto</c>, <c>.mot</c>): a name, header metadata, column labels with
/// <c>time</c> first, and rows of doubles (the time column is column 0). Times may be non-uniform.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe. Read and write it with <see cref="StorageFile"/>.</para>
/// <para><see cref="ColumnCount"/> and <see cref="ColumnLabels"/> include the time column, as OpenSim's
/// <c>nColumns</c> header does.</para>
/// </remarks>
public sealed class StorageTable
{
    /// <summary>The label OpenSim gives the first (time) column.</summary>
    public const string TimeLabel = "time";

    private readonly string[] _labels;
    private readonly double[] _values;
    private readonly Dictionary<string, int> _indexByLabel;
    private readonly int _firstDecreasingRow;

    /// <summary>Creates a table.</summary>
    /// <param name="name">The table name (the first line of the file, e.g. <c>states</c> or <c>controls</c>).</param>
    /// <param name="columnLabels">Column labels, <c>time</c> first; unique, non-empty, without tabs or line breaks.</param>
    /// <param name="rows">The rows; each has one value per label, the time first.</param>
    /// <param name="inDegrees">Whether rotational columns are in degrees (OpenSim's <c>inDegrees</c> header).</param>
    /// <param name="metadata">Other <c>key=value</c> header lines, in order.</param>
    /// <param name="headerNotes">Header lines without <c>=</c> (free text), in order.</param>
    /// <param name="version">The storage format version (OpenSim writes 1).</param>
    /// <exception cref="ArgumentException">A label, the name, a metadata entry or a row is invalid; the message says which.</exception>
    public StorageTable(
        string name,
        IReadOnlyList<string> columnLabels,
        IEnumerable<IReadOnlyList<double>> rows,
        bool inDegrees = false,
        IEnumerable<StorageMetadataEntry>? metadata = null,
        IEnumerable<string>? headerNotes = null,
        int version = 1)
        : this(name, ToArray(columnLabels), Flatten(columnLabels, rows), inDegrees, metadata, headerNotes, version, sourcePath: null)
    {
    }

    /// <summary>Creates a table over row-major values without copying them (used by the reader).</summary>
    internal StorageTable(
        string name,
        string[] columnLabels,
        double[] values,
        bool inDegrees,
        IEnumerable<StorageMetadataEntry>? metadata,
        IEnumerable<string>? headerNotes,
        int version,
        string? sourcePath)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(columnLabels);
        ArgumentNullException.ThrowIfNull(values);
        if (name.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("The table name must be a single line.", nameof(name));
        }

        ValidateLabels(columnLabels);
        if (values.Length % columnLabels.Length != 0)
        {
            throw new ArgumentException(
                $"{values.Length} values do not fill whole rows of {columnLabels.Length} columns.", nameof(values));
        }

        Name = name;
        Version = version;
        InDegrees = inDegrees;
        SourcePath = sourcePath;
        _labels = columnLabels;
        _values = values;
        _indexByLabel = new Dictionary<string, int>(_labels.Length, StringComparer.Ordinal);
        for (var i = 0; i < _labels.Length; i++)
        {
            _indexByLabel.Add(_labels[i], i);
        }

        ColumnLabels = new ReadOnlyCollection<string>(_labels);
        Metadata = new ReadOnlyCollection<StorageMetadataEntry>(ValidateMetadata(metadata));
        HeaderNotes = new ReadOnlyCollection<string>(ValidateNotes(headerNotes));
        RowCount = values.Length / columnLabels.Length;
        _firstDecreasingRow = -1;
        for (var row = 1; row < RowCount; row++)
        {
            if (!(Time(row) >= Time(row - 1)))
            {
                _firstDecreasingRow = row;
                break;
            }
        }
    }

    /// <summary>The table name (the first line of the file).</summary>
    public string Name { get; }

    /// <summary>The storage format version from the header (OpenSim writes 1).</summary>
    public int Version { get; }

    /// <summary>Whether rotational columns are in degrees (header <c>inDegrees=yes</c>). Use
    /// <see cref="ConvertDegreesToRadians"/> to get radians.</summary>
    public bool InDegrees { get; }

    /// <summary>Header <c>key=value</c> lines other than <c>version</c>, <c>nRows</c>, <c>nColumns</c> and
    /// <c>inDegrees</c>, in file order.</summary>
    public IReadOnlyList<StorageMetadataEntry> Metadata { get; }

    /// <summary>Header lines without <c>=</c> (free text), in file order.</summary>
    public IReadOnlyList<string> HeaderNotes { get; }

    /// <summary>The file the table was read from, or <see langword="null"/> for a table built in memory.</summary>
    public string? SourcePath { get; }

    /// <summary>Column labels, the time column first.</summary>
    public IReadOnlyList<string> ColumnLabels { get; }

    /// <summary>Number of columns, including the time column (OpenSim's <c>nColumns</c>).</summary>
    public int ColumnCount => _labels.Length;

    /// <summary>Number of data rows (OpenSim's <c>nRows</c>).</summary>
    public int RowCount { get; }

    /// <summary>The value at <paramref name="row"/>, <paramref name="column"/> (column 0 is the time).</summary>
    public double this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
            return _values[(row * _labels.Length) + column];
        }
    }

    /// <summary>The value at <paramref name="row"/> in the column labelled <paramref name="label"/>.</summary>
    /// <exception cref="KeyNotFoundException">No column has that label; the message names the file and similar labels.</exception>
    public double this[int row, string label] => this[row, IndexOf(label)];

    /// <summary>The time of <paramref name="row"/> (s).</summary>
    public double Time(int row) => this[row, 0];

    /// <summary>The values of one row, time first.</summary>
    public ReadOnlySpan<double> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        return _values.AsSpan(row * _labels.Length, _labels.Length);
    }

    /// <summary>A copy of the time column.</summary>
    public double[] GetTimes() => GetColumn(0);

    /// <summary>A copy of the column labelled <paramref name="label"/>.</summary>
    /// <exception cref="KeyNotFoundException">No column has that label; the message names the file and similar labels.</exception>
    public double[] GetColumn(string label) => GetColumn(IndexOf(label));

    /// <summary>A copy of column <paramref name="column"/> (0 is the time).</summary>
    public double[] GetColumn(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
        var result = new double[RowCount];
        for (var row = 0; row < result.Length; row++)
        {
            result[row] = _values[(row * _labels.Length) + column];
        }

        return result;
    }

    /// <summary>The index of the column labelled <paramref name="label"/> (ordinal, case-sensitive).</summary>
    /// <exception cref="KeyNotFoundException">No column has that label; the message names the file and similar labels.</exception>
    public int IndexOf(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (_indexByLabel.TryGetValue(label, out var index))
        {
            return index;
        }

        throw new KeyNotFoundException(DescribeMissing(label));
    }

    /// <summary>Looks up a column without throwing.</summary>
    /// <returns><see langword="true"/> when a column is labelled <paramref name="label"/>.</returns>
    public bool TryIndexOf(string label, out int column)
    {
        ArgumentNullException.ThrowIfNull(label);
        return _indexByLabel.TryGetValue(label, out column);
    }

    /// <summary>Whether a column is labelled <paramref name="label"/>.</summary>
    public bool Contains(string label) => label is not null && _indexByLabel.ContainsKey(label);

    /// <summary>
    /// A copy of this table in which the named columns are converted from degrees to radians (multiplied by
    /// π/180) and <see cref="InDegrees"/> is cleared. Name only rotational columns (joint angles and their
    /// speeds): OpenSim's <c>inDegrees=yes</c> leaves translations in metres.
    /// </summary>
    /// <param name="columnLabels">The columns to convert; the time column cannot be one of them.</param>
    /// <exception cref="InvalidOperationException">The table is not in degrees (<c>inDegrees=no</c>).</exception>
    /// <exception cref="KeyNotFoundException">A label is not a column.</exception>
    /// <exception cref="ArgumentException">The time column is named.</exception>
    public StorageTable ConvertDegreesToRadians(IEnumerable<string> columnLabels)
    {
        ArgumentNullException.ThrowIfNull(columnLabels);
        if (!InDegrees)
        {
            throw new InvalidOperationException(
                $"{Describe()} is not in degrees (inDegrees=no); converting its columns to radians would corrupt them.");
        }

        var columns = columnLabels.Select(IndexOf).Distinct().ToArray();
        if (columns.Contains(0))
        {
            throw new ArgumentException("The time column cannot be converted to radians.", nameof(columnLabels));
        }

        const double radiansPerDegree = Math.PI / 180.0;
        var values = (double[])_values.Clone();
        for (var row = 0; row < RowCount; row++)
        {
            var offset = row * _labels.Length;
            foreach (var column in columns)
            {
                values[offset + column] *= radiansPerDegree;
            }
        }

        return new StorageTable(Name, _labels, values, inDegrees: false, Metadata, HeaderNotes, Version, SourcePath);
    }

    /// <summary>
    /// The value of the column labelled <paramref name="label"/> at <paramref name="time"/>, linearly interpolated
    /// between the two rows that bracket it. At a row's time the row's value is returned exactly.
    /// </summary>
    /// <param name="label">The column.</param>
    /// <param name="time">The time (s).</param>
    /// <param name="extrapolation">What to do before the first row or after the last: hold the end value
    /// (<see cref="StorageExtrapolation.Clamp"/>, the default), extend the end segment
    /// (<see cref="StorageExtrapolation.Linear"/>) or throw.</param>
    /// <exception cref="KeyNotFoundException">No column has that label.</exception>
    /// <exception cref="InvalidOperationException">The table has no rows, or its times decrease somewhere.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time is NaN, or outside the table with
    /// <see cref="StorageExtrapolation.Throw"/>.</exception>
    public double Interpolate(string label, double time, StorageExtrapolation extrapolation = StorageExtrapolation.Clamp) =>
        Interpolate(IndexOf(label), time, extrapolation);

    /// <summary>The value of column <paramref name="column"/> at <paramref name="time"/>; see
    /// <see cref="Interpolate(string, double, StorageExtrapolation)"/>.</summary>
    /// <param name="column">The column index (0 is the time).</param>
    /// <param name="time">The time (s).</param>
    /// <param name="extrapolation">What to do outside the table.</param>
    public double Interpolate(int column, double time, StorageExtrapolation extrapolation = StorageExtrapolation.Clamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
        var (lower, weight) = Locate(time, extrapolation);
        return Blend(lower, column, weight);
    }

    /// <summary>Every column at <paramref name="time"/> (element 0 is the time column, interpolated like the
    /// others); see <see cref="Interpolate(string, double, StorageExtrapolation)"/>.</summary>
    /// <param name="time">The time (s).</param>
    /// <param name="extrapolation">What to do outside the table.</param>
    public double[] InterpolateRow(double time, StorageExtrapolation extrapolation = StorageExtrapolation.Clamp)
    {
        var (lower, weight) = Locate(time, extrapolation);
        var result = new double[ColumnCount];
        for (var column = 0; column < result.Length; column++)
        {
            result[column] = Blend(lower, column, weight);
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({RowCount} rows x {ColumnCount} columns{(SourcePath is null ? string.Empty : ", " + SourcePath)})");

    /// <summary>Finds the row below <paramref name="time"/> and the weight of the row after it (which may be
    /// outside [0, 1] when extrapolating linearly).</summary>
    private (int Lower, double Weight) Locate(double time, StorageExtrapolation extrapolation)
    {
        if (double.IsNaN(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), "The time to interpolate at is NaN.");
        }

        if (RowCount == 0)
        {
            throw new InvalidOperationException($"{Describe()} has no rows to interpolate.");
        }

        if (_firstDecreasingRow >= 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Describe()}: time decreases at row {_firstDecreasingRow} ({Time(_firstDecreasingRow - 1)} then {Time(_firstDecreasingRow)}), so it cannot be interpolated."));
        }

        var last = RowCount - 1;
        var first = Time(0);
        var end = Time(last);
        if (time < first || time > end)
        {
            switch (extrapolation)
            {
                case StorageExtrapolation.Clamp:
                    return (time < first ? 0 : last, 0);
                case StorageExtrapolation.Linear when RowCount >= 2:
                    var lower = time < first ? 0 : last - 1;
                    return (lower, SegmentWeight(lower, time));
                case StorageExtrapolation.Linear:
                    return (0, 0);
                default:
                    throw new ArgumentOutOfRangeException(
                        nameof(time),
                        time,
                        string.Create(CultureInfo.InvariantCulture, $"{Describe()} covers t = {first} to {end} s."));
            }
        }

        if (time == end)
        {
            return (last, 0);
        }

        // Largest row whose time is <= time; it is below the last row here.
        int lo = 0, hi = last;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (Time(mid) <= time)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo, SegmentWeight(lo, time));
    }

    private double SegmentWeight(int lower, double time)
    {
        var t0 = Time(lower);
        var span = Time(lower + 1) - t0;
        return span > 0 ? (time - t0) / span : 0;
    }

    private double Blend(int lower, int column, double weight)
    {
        var v0 = _values[(lower * _labels.Length) + column];
        if (weight == 0)
        {
            return v0;
        }

        var v1 = _values[((lower + 1) * _labels.Length) + column];
        return v0 + ((v1 - v0) * weight);
    }

    private string Describe() => SourcePath is null ? $"Storage table '{Name}'" : $"Storage file '{SourcePath}'";

    private string DescribeMissing(string label)
    {
        static string Last(string s) => s[(s.LastIndexOfAny(['/', '|']) + 1)..];
        var lastSegment = Last(label);
        var similar = _labels
            .Where(l => l.Contains(label, StringComparison.OrdinalIgnoreCase)
                || label.Contains(l, StringComparison.OrdinalIgnoreCase)
                || (lastSegment.Length > 0 && string.Equals(Last(l), lastSegment, StringComparison.OrdinalIgnoreCase)))
            .Take(5)
            .ToArray();
        var hint = similar.Length > 0
            ? $" Similar columns: {string.Join(", ", similar.Select(s => $"'{s}'"))}."
            : string.Create(CultureInfo.InvariantCulture, $" It has {ColumnCount} columns: {string.Join(", ", _labels.Take(8).Select(s => $"'{s}'"))}{(ColumnCount > 8 ? ", ..." : string.Empty)}.");
        return $"{Describe()} has no column '{label}'.{hint}";
    }

    private static string[] ToArray(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return [.. labels];
    }

    private static double[] Flatten(IReadOnlyList<string> labels, IEnumerable<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        var width = labels.Count;
        var values = new List<double>();
        var index = 0;
        foreach (var row in rows)
        {
            if (row is null || row.Count != width)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Row {index} has {row?.Count ?? 0} values but there are {width} column labels."),
                    nameof(rows));
            }

            values.AddRange(row);
            index++;
        }

        return [.. values];
    }

    private static void ValidateLabels(string[] labels)
    {
        if (labels.Length == 0)
        {
            throw new ArgumentException("A storage table needs at least the time column.", nameof(labels));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (string.IsNullOrWhiteSpace(label) || label.AsSpan().IndexOfAny('\t', '\r', '\n') >= 0 || label.Trim().Length != label.Length)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Column label {i} ('{label}') must be non-empty, without tabs, line breaks or surrounding spaces."),
                    nameof(labels));
            }

            if (!seen.Add(label))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Column label '{label}' appears twice (the second time as column {i})."),
                    nameof(labels));
            }
        }

        if (!string.Equals(labels[0], TimeLabel, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The first column must be '{TimeLabel}', not '{labels[0]}'.", nameof(labels));
        }
    }

    private static StorageMetadataEntry[] ValidateMetadata(IEnumerable<StorageMetadataEntry>? metadata)
    {
        var entries = metadata is null ? [] : metadata.ToArray();
        foreach (var (key, value) in entries)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Trim().Length != key.Length || key.AsSpan().IndexOfAny('=', '\r', '\n') >= 0)
            {
                throw new ArgumentException($"Metadata key '{key}' must be non-empty, trimmed, and contain no '=' or line break.", nameof(metadata));
            }

            if (value is null || value.Trim().Length != value.Length || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"Metadata value of '{key}' must be a trimmed single line.", nameof(metadata));
            }

            if (IsReservedKey(key))
            {
                throw new ArgumentException($"Metadata key '{key}' is a property of the table itself; set it there.", nameof(metadata));
            }
        }

        return entries;
    }

    /// <summary>Whether <paramref name="key"/> is a header key that the table models itself.</summary>
    internal static bool IsReservedKey(string key) =>
        key.Equals("version", StringComparison.OrdinalIgnoreCase)
        || key.Equals("nRows", StringComparison.OrdinalIgnoreCase)
        || key.Equals("nColumns", StringComparison.OrdinalIgnoreCase)
        || key.Equals("inDegrees", StringComparison.OrdinalIgnoreCase);

    private static string[] ValidateNotes(IEnumerable<string>? notes)
    {
        var lines = notes is null ? [] : notes.ToArray();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line)
                || line.Trim().Length != line.Length
                || line.AsSpan().IndexOfAny('=', '\r', '\n') >= 0
                || string.Equals(line, "endheader", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"Header note '{line}' must be a trimmed, non-empty single line without '=' and must not be 'endheader'.", nameof(notes));
            }
        }

        return lines;
    }
}
