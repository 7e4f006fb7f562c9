using System.Globalization;

namespace ArmRnn.Data;

/// <summary>
/// Reads and writes OpenSim storage files (<c>.sto</c>, and <c>.mot</c> files in the same layout): a name line,
/// <c>key=value</c> header lines (<c>version</c>, <c>nRows</c>, <c>nColumns</c>, <c>inDegrees</c>, others kept),
/// <c>endheader</c>, a tab-separated line of column labels starting with <c>time</c>, then one line of
/// whitespace-separated numbers per row.
/// </summary>
/// <remarks>
/// <para>Numbers are parsed and written with the invariant culture. The writer uses round-trip formatting, so a
/// table written and read back is bitwise identical. Non-finite values are written as <c>NaN</c>, <c>Inf</c> and
/// <c>-Inf</c>; the reader also accepts C's spellings (<c>nan</c>, <c>inf</c>, <c>-inf</c>, <c>infinity</c>).</para>
/// <para>When the header declares <c>nRows</c> or <c>nColumns</c>, the reader checks them against the file; both are
/// optional on reading. Blank lines are ignored everywhere.</para>
/// </remarks>
public static class StorageFile
{
    private const string EndHeader = "endheader";

    /// <summary>Reads a storage file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The table, with <see cref="StorageTable.SourcePath"/> set to <paramref name="path"/>.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DatasetFormatException">The file is empty, has no <c>endheader</c>, a malformed header value, a
    /// row with the wrong number of values or a cell that is not a number, or disagrees with its own <c>nRows</c> or
    /// <c>nColumns</c>. The message names the file and the line.</exception>
    public static StorageTable Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The storage file '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return new Parser(path, reader).Parse();
    }

    /// <summary>
    /// Writes <paramref name="table"/> as an OpenSim-compatible storage file, atomically (see <see cref="AtomicFile"/>):
    /// the name, <c>version</c>, <c>nRows</c>, <c>nColumns</c>, <c>inDegrees=yes|no</c>, the other metadata and
    /// header notes, <c>endheader</c>, the tab-separated labels and the tab-separated rows.
    /// </summary>
    /// <param name="path">The destination; its folder is created if missing.</param>
    /// <param name="table">The table.</param>
    public static void Write(string path, StorageTable table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(table);
        AtomicFile.WriteText(path, writer =>
        {
            writer.WriteLine(table.Name);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"version={table.Version}"));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nRows={table.RowCount}"));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nColumns={table.ColumnCount}"));
            writer.WriteLine(table.InDegrees ? "inDegrees=yes" : "inDegrees=no");
            foreach (var (key, value) in table.Metadata)
            {
                writer.WriteLine($"{key}={value}");
            }

            foreach (var note in table.HeaderNotes)
            {
                writer.WriteLine(note);
            }

            writer.WriteLine(EndHeader);
            writer.WriteLine(string.Join('\t', table.ColumnLabels));
            for (var row = 0; row < table.RowCount; row++)
            {
                var values = table.Row(row);
                for (var column = 0; column < values.Length; column++)
                {
                    if (column > 0)
                    {
                        writer.Write('\t');
                    }

                    writer.Write(InvariantNumbers.Format(values[column]));
                }

                writer.WriteLine();
            }
        });
    }

    /// <summary>One pass over the lines of one file.</summary>
    private sealed class Parser(string path, TextReader reader)
    {
        private int _lineNumber;

        public StorageTable Parse()
        {
            var name = NextLine() ?? throw Fail(
                "the file is empty; expected an OpenSim storage file (a name line, key=value header lines, 'endheader', column labels, rows).");
            name = name.Trim();
            if (string.Equals(name, EndHeader, StringComparison.OrdinalIgnoreCase) || name.Contains('=', StringComparison.Ordinal))
            {
                throw Fail($"expected the table name on the first line, found '{Shorten(name)}'.", _lineNumber);
            }

            var version = 1;
            var inDegrees = false;
            (int Value, int Line)? declaredRows = null;
            (int Value, int Line)? declaredColumns = null;
            var metadata = new List<StorageMetadataEntry>();
            var notes = new List<string>();
            while (true)
            {
                var line = NextLine() ?? throw Fail(
                    $"no '{EndHeader}' line: the file ended here, while reading the header. Not an OpenSim storage file, or a truncated one.",
                    _lineNumber);
                var text = line.Trim();
                if (text.Length == 0)
                {
                    continue;
                }

                if (string.Equals(text, EndHeader, StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                var equals = text.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    notes.Add(text);
                    continue;
                }

                var key = text[..equals].Trim();
                var value = text[(equals + 1)..].Trim();
                if (key.Equals("version", StringComparison.OrdinalIgnoreCase))
                {
                    version = ParseHeaderInteger(key, value);
                }
                else if (key.Equals("nRows", StringComparison.OrdinalIgnoreCase))
                {
                    declaredRows = (ParseHeaderInteger(key, value), _lineNumber);
                }
                else if (key.Equals("nColumns", StringComparison.OrdinalIgnoreCase))
                {
                    declaredColumns = (ParseHeaderInteger(key, value), _lineNumber);
                }
                else if (key.Equals("inDegrees", StringComparison.OrdinalIgnoreCase))
                {
                    inDegrees = value.ToUpperInvariant() switch
                    {
                        "YES" or "TRUE" => true,
                        "NO" or "FALSE" => false,
                        _ => throw Fail($"inDegrees is '{Shorten(value)}' but 'yes' or 'no' was expected.", _lineNumber),
                    };
                }
                else if (key.Length == 0)
                {
                    throw Fail($"header line '{Shorten(text)}' has no key before '='.", _lineNumber);
                }
                else
                {
                    metadata.Add(new StorageMetadataEntry(key, value));
                }
            }

            var labels = ReadLabels();
            var labelLine = _lineNumber;
            if (declaredColumns is { } columns && columns.Value != labels.Length)
            {
                throw Fail(
                    string.Create(CultureInfo.InvariantCulture, $"the header says nColumns={columns.Value} but the label line (line {labelLine}) has {labels.Length} labels."),
                    columns.Line);
            }

            var values = new List<double>();
            var rows = 0;
            while (NextLine() is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                ParseRow(line, labels, values);
                rows++;
            }

            if (declaredRows is { } declared && declared.Value != rows)
            {
                throw Fail(
                    string.Create(CultureInfo.InvariantCulture, $"the header says nRows={declared.Value} but the file has {rows} data rows (after line {labelLine}, up to line {_lineNumber})."),
                    declared.Line);
            }

            try
            {
                return new StorageTable(name, labels, [.. values], inDegrees, metadata, notes, version, path);
            }
            catch (ArgumentException ex)
            {
                throw Fail(ex.Message, labelLine, ex);
            }
        }

        private string[] ReadLabels()
        {
            string? line;
            do
            {
                line = NextLine();
            }
            while (line is not null && string.IsNullOrWhiteSpace(line));

            if (line is null)
            {
                throw Fail($"no column label line after '{EndHeader}': the file ended here.", _lineNumber);
            }

            line = line.TrimEnd('\r', '\n', '\t', ' ');
            var labels = line.Contains('\t', StringComparison.Ordinal)
                ? line.Split('\t')
                : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = labels[i].Trim();
                if (labels[i].Length == 0)
                {
                    throw Fail(string.Create(CultureInfo.InvariantCulture, $"column label {i + 1} is empty (two tabs in a row)."), _lineNumber);
                }
            }

            if (!string.Equals(labels[0], StorageTable.TimeLabel, StringComparison.OrdinalIgnoreCase))
            {
                throw Fail($"the first column label is '{Shorten(labels[0])}' but '{StorageTable.TimeLabel}' was expected.", _lineNumber);
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < labels.Length; i++)
            {
                if (!seen.TryAdd(labels[i], i))
                {
                    throw Fail(
                        string.Create(CultureInfo.InvariantCulture, $"column label '{labels[i]}' appears twice (columns {seen[labels[i]] + 1} and {i + 1})."),
                        _lineNumber);
                }
            }

            return labels;
        }

        private void ParseRow(string line, string[] labels, List<double> values)
        {
            var span = line.AsSpan();
            var count = 0;
            var position = 0;
            while (true)
            {
                while (position < span.Length && char.IsWhiteSpace(span[position]))
                {
                    position++;
                }

                if (position >= span.Length)
                {
                    break;
                }

                var start = position;
                while (position < span.Length && !char.IsWhiteSpace(span[position]))
                {
                    position++;
                }

                var token = span[start..position];
                if (count < labels.Length)
                {
                    if (!InvariantNumbers.TryParse(token, out var value))
                    {
                        throw Fail(
                            string.Create(CultureInfo.InvariantCulture, $"column {count + 1} ('{labels[count]}') holds '{Shorten(token.ToString())}', which is not a number."),
                            _lineNumber);
                    }

                    values.Add(value);
                }

                count++;
            }

            if (count != labels.Length)
            {
                throw Fail(
                    string.Create(CultureInfo.InvariantCulture, $"expected {labels.Length} values (one per column label) but found {count}."),
                    _lineNumber);
            }
        }

        private int ParseHeaderInteger(string key, string value)
        {
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) && result >= 0)
            {
                return result;
            }

            throw Fail($"{key} is '{Shorten(value)}' but a non-negative integer was expected.", _lineNumber);
        }

        private string? NextLine()
        {
            var line = reader.ReadLine();
            if (line is null)
            {
                return null;
            }

            _lineNumber++;
            if (line.Contains('\0', StringComparison.Ordinal))
            {
                throw Fail("the line contains a NUL character: this is a binary file, not an OpenSim storage file.", _lineNumber);
            }

            return line;
        }

        private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

        private DatasetFormatException Fail(string problem, int? line = null, Exception? inner = null) => new(path, problem, line, inner);
    }
}
