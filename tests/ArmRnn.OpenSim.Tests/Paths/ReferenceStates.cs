using System.Globalization;

namespace ArmRnn.OpenSim.Tests.Paths;

/// <summary>A states.sto table written by OpenSim 4.3 (test helper): column labels and rows.</summary>
internal sealed class ReferenceStates
{
    private readonly Dictionary<string, int> _columns;

    private ReferenceStates(string[] labels, List<double[]> rows)
    {
        Labels = labels;
        Rows = rows;
        _columns = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Labels { get; }

    public IReadOnlyList<double[]> Rows { get; }

    public static ReferenceStates Load(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = Array.FindIndex(lines, l => l.Trim() == "endheader");
        var labels = lines[header + 1].Split('\t');
        var rows = new List<double[]>();
        for (var i = header + 2; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            rows.Add([.. lines[i].Split('\t').Select(v => double.Parse(v, CultureInfo.InvariantCulture))]);
        }

        return new ReferenceStates(labels, rows);
    }

    public double Get(int row, string column) => Rows[row][_columns[column]];
}
