using System.Globalization;

namespace ArmRnn.OpenSim.Tests.Muscles;

/// <summary>A minimal reader of OpenSim .sto files (header up to <c>endheader</c>, a column line, rows of numbers).</summary>
internal sealed class StoTable
{
    private readonly Dictionary<string, int> _index;

    private StoTable(string[] columns, double[][] rows)
    {
        Columns = columns;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            _index.Add(columns[i], i);
        }
    }

    public string[] Columns { get; }

    public double[][] Rows { get; }

    public static StoTable Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        int header = Array.FindIndex(lines, l => l.Trim() == "endheader");
        if (header < 0 || header + 1 >= lines.Length)
        {
            throw new InvalidDataException($"{path}: no 'endheader' followed by column labels.");
        }

        char[] separators = ['\t', ' '];
        string[] columns = lines[header + 1].Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rows = new List<double[]>();
        for (int i = header + 2; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            string[] fields = lines[i].Split(separators, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != columns.Length)
            {
                throw new InvalidDataException($"{path}:{i + 1}: {fields.Length} values for {columns.Length} columns.");
            }

            rows.Add(Array.ConvertAll(fields, f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return new StoTable(columns, rows.ToArray());
    }

    public int IndexOf(string column) =>
        _index.TryGetValue(column, out int i) ? i : throw new KeyNotFoundException($"No column '{column}'.");

    public double[] Column(string column)
    {
        int c = IndexOf(column);
        return Array.ConvertAll(Rows, r => r[c]);
    }

    /// <summary>Linear interpolation of a column in time (held constant outside the sampled range).</summary>
    public double Interpolate(int column, double time)
    {
        double[][] rows = Rows;
        if (time <= rows[0][0])
        {
            return rows[0][column];
        }

        if (time >= rows[^1][0])
        {
            return rows[^1][column];
        }

        int lo = 0;
        int hi = rows.Length - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (rows[mid][0] <= time)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        double t0 = rows[lo][0];
        double t1 = rows[hi][0];
        double s = (time - t0) / (t1 - t0);
        return rows[lo][column] + s * (rows[hi][column] - rows[lo][column]);
    }
}
