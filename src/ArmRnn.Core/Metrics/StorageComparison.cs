using ArmRnn.Data;

namespace ArmRnn.Metrics;

/// <summary>
/// Compares a simulated storage table with a reference one (e.g. the managed engine against a real OpenSim run):
/// per channel present in both, the RMSE, the largest absolute error and the VAF, with the simulated channel
/// linearly interpolated at the reference's times.
/// </summary>
public static class StorageComparison
{
    /// <summary>Compares every channel of <paramref name="reference"/> (except time) that <paramref name="actual"/>
    /// also has, in the reference's column order.</summary>
    /// <param name="reference">The reference recording.</param>
    /// <param name="actual">The simulation.</param>
    /// <param name="startTime">Reference rows before this time are ignored.</param>
    /// <param name="endTime">Reference rows after this time are ignored (∞ for all).</param>
    /// <exception cref="ArgumentException">The tables share no channel, or no reference row lies in the window.</exception>
    public static IReadOnlyList<ChannelAgreement> Compare(StorageTable reference, StorageTable actual, double startTime = double.NegativeInfinity, double endTime = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(actual);
        var rows = Enumerable.Range(0, reference.RowCount)
            .Where(r => reference.Time(r) >= startTime && reference.Time(r) <= endTime)
            .ToArray();
        if (rows.Length == 0)
        {
            throw new ArgumentException($"{reference.SourcePath ?? reference.Name}: no rows between {startTime} s and {endTime} s.", nameof(reference));
        }

        var result = new List<ChannelAgreement>();
        var predicted = new double[rows.Length];
        var expected = new double[rows.Length];
        for (var column = 1; column < reference.ColumnCount; column++)
        {
            var label = reference.ColumnLabels[column];
            if (!actual.TryIndexOf(label, out var actualColumn))
            {
                continue;
            }

            var maxError = 0.0;
            for (var i = 0; i < rows.Length; i++)
            {
                expected[i] = reference[rows[i], column];
                predicted[i] = actual.Interpolate(actualColumn, reference.Time(rows[i]), StorageExtrapolation.Clamp);
                maxError = Math.Max(maxError, Math.Abs(predicted[i] - expected[i]));
            }

            result.Add(new ChannelAgreement(label, Rmse.Compute(predicted, expected), maxError, Vaf.Compute(predicted, expected), expected.Max() - expected.Min()));
        }

        if (result.Count == 0)
        {
            throw new ArgumentException(
                $"{actual.SourcePath ?? actual.Name} has none of the channels of {reference.SourcePath ?? reference.Name}.", nameof(actual));
        }

        return result;
    }
}
