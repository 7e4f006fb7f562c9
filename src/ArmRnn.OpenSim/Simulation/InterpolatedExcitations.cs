using System.Globalization;
using ArmRnn.Data;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>
/// Excitations sampled at given times and linearly interpolated between samples (held at the first and last
/// sample outside them), as OpenSim's forward tool drives a model from a controls file.
/// </summary>
public sealed class InterpolatedExcitations : IExcitationSchedule
{
    private readonly double[] _times;
    private readonly double[] _values;
    private readonly int _muscles;

    /// <summary>Creates the schedule.</summary>
    /// <param name="times">Strictly increasing sample times (s).</param>
    /// <param name="values">Samples, <c>[time, muscle]</c> row-major.</param>
    /// <param name="muscles">Number of muscles.</param>
    public InterpolatedExcitations(IReadOnlyList<double> times, IReadOnlyList<double> values, int muscles)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (times.Count == 0 || values.Count != times.Count * muscles)
        {
            throw new ArgumentException($"Need at least one sample and {times.Count} x {muscles} values; got {values.Count}.", nameof(values));
        }

        for (var i = 1; i < times.Count; i++)
        {
            if (!(times[i] > times[i - 1]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Sample times must increase; sample {i} is at {times[i]} s after {times[i - 1]} s."), nameof(times));
            }
        }

        _times = [.. times];
        _values = [.. values];
        _muscles = muscles;
    }

    /// <summary>
    /// Reads the excitation columns named <paramref name="muscles"/> from an OpenSim storage table (e.g.
    /// <c>controls.sto</c>); a column may be named after the muscle or its control path (<c>/forceset/BIClong</c>).
    /// </summary>
    /// <exception cref="KeyNotFoundException">A muscle has no column; the message names the file and the muscle.</exception>
    public static InterpolatedExcitations FromStorage(StorageTable table, IReadOnlyList<string> muscles)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(muscles);
        var columns = new int[muscles.Count];
        for (var m = 0; m < muscles.Count; m++)
        {
            if (!table.TryIndexOf(muscles[m], out columns[m]) && !table.TryIndexOf($"/forceset/{muscles[m]}", out columns[m]))
            {
                throw new KeyNotFoundException(
                    $"{table.SourcePath ?? table.Name}: no excitation column for muscle '{muscles[m]}' (columns: {string.Join(", ", table.ColumnLabels)}).");
            }
        }

        var times = table.GetTimes();
        var values = new double[times.Length * muscles.Count];
        for (var r = 0; r < times.Length; r++)
        {
            for (var m = 0; m < muscles.Count; m++)
            {
                values[(r * muscles.Count) + m] = table[r, columns[m]];
            }
        }

        return new InterpolatedExcitations(times, values, muscles.Count);
    }

    /// <summary>Samples an OpenSim <c>ControlSet</c> at <paramref name="sampleTimes"/> (its own interpolation applies
    /// between its nodes; the schedule interpolates linearly between these samples).</summary>
    /// <exception cref="KeyNotFoundException">A muscle has no control.</exception>
    public static InterpolatedExcitations FromControlSet(ControlSet controls, IReadOnlyList<string> muscles, IReadOnlyList<double> sampleTimes)
    {
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(muscles);
        ArgumentNullException.ThrowIfNull(sampleTimes);
        foreach (var muscle in muscles)
        {
            if (!controls.Contains(muscle))
            {
                throw new KeyNotFoundException(
                    $"{controls.SourcePath ?? controls.Name}: no control for muscle '{muscle}' (controls: {string.Join(", ", controls.Names)}).");
            }
        }

        var values = new double[sampleTimes.Count * muscles.Count];
        for (var r = 0; r < sampleTimes.Count; r++)
        {
            for (var m = 0; m < muscles.Count; m++)
            {
                values[(r * muscles.Count) + m] = controls[muscles[m]].Evaluate(sampleTimes[r]);
            }
        }

        return new InterpolatedExcitations(sampleTimes, values, muscles.Count);
    }

    /// <summary>The first sample time (s).</summary>
    public double StartTime => _times[0];

    /// <summary>The last sample time (s).</summary>
    public double EndTime => _times[^1];

    /// <inheritdoc />
    public void Evaluate(double time, Span<double> excitations)
    {
        if (time <= _times[0])
        {
            _values.AsSpan(0, _muscles).CopyTo(excitations);
            return;
        }

        if (time >= _times[^1])
        {
            _values.AsSpan((_times.Length - 1) * _muscles, _muscles).CopyTo(excitations);
            return;
        }

        var upper = Array.BinarySearch(_times, time);
        if (upper >= 0)
        {
            _values.AsSpan(upper * _muscles, _muscles).CopyTo(excitations);
            return;
        }

        upper = ~upper;
        var lower = upper - 1;
        var w = (time - _times[lower]) / (_times[upper] - _times[lower]);
        for (var m = 0; m < _muscles; m++)
        {
            var a = _values[(lower * _muscles) + m];
            var b = _values[(upper * _muscles) + m];
            excitations[m] = a + (w * (b - a));
        }
    }
}
