using ArmRnn.Data;
using ArmRnn.Layouts;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>One simulated trajectory sampled on a time grid, the first sample being the initial state.</summary>
/// <param name="Layout">The channels of <see cref="States"/>.</param>
/// <param name="Times">Sample times (s).</param>
/// <param name="States">The states, <c>[1, samples, channels]</c>.</param>
public sealed record SimulationResult(StateLayout Layout, IReadOnlyList<double> Times, TrajectoryArray States)
{
    /// <summary>The samples of the channels in <paramref name="channels"/> (by name, in that order) as an OpenSim
    /// storage table with a time column.</summary>
    /// <param name="channels">The layout whose channels to write (e.g. the full layout, or OpenSim's states).</param>
    /// <param name="tableName">The table's name (the file's first line).</param>
    public StorageTable ToStorageTable(StateLayout channels, string tableName = "states")
    {
        ArgumentNullException.ThrowIfNull(channels);
        var indices = Layout.IndicesOf(channels.ChannelNames);
        var rows = new List<IReadOnlyList<double>>(Times.Count);
        for (var t = 0; t < Times.Count; t++)
        {
            var row = new double[indices.Length + 1];
            row[0] = Times[t];
            var state = States.At(0, t);
            for (var i = 0; i < indices.Length; i++)
            {
                row[i + 1] = state[indices[i]];
            }

            rows.Add(row);
        }

        return new StorageTable(tableName, ["time", .. channels.ChannelNames], rows);
    }
}
