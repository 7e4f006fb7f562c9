using ArmRnn.Data;

namespace ArmRnn.Cli.Configuration;

/// <summary>Reads the <c>--data</c> files of <c>train-arm</c> and <c>evaluate</c> into one batch.</summary>
internal static class DatasetFiles
{
    /// <summary>
    /// The trajectories of every file, in order. Several files are joined on what ArmNet reads (excitations and
    /// states): task inputs are dropped and every trajectory is cut to the shortest length among the files (a prefix
    /// of a trajectory is a trajectory).
    /// </summary>
    /// <exception cref="ArgumentException">No file is given, or the files do not fit together.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static TrajectoryBatch Read(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new ArgumentException("--data: give at least one dataset (an HDF5 file from 'armrnn generate').");
        }

        var parts = paths.Select(p => TrajectoryBatchHdf5.Read(CommandConfigurationFile.RequireFile(p, "--data", "a dataset"))).ToList();
        if (parts.Count == 1)
        {
            return parts[0];
        }

        for (var i = 1; i < parts.Count; i++)
        {
            var difference = parts[0].Layout.DescribeChannelDifference(parts[i].Layout);
            if (difference is not null)
            {
                throw new ArgumentException($"--data {paths[i]}: its state layout differs from {paths[0]}'s: {difference}");
            }

            if (!parts[0].ExcitationNames.SequenceEqual(parts[i].ExcitationNames, StringComparer.Ordinal))
            {
                throw new ArgumentException($"--data {paths[i]}: its excitations [{string.Join(", ", parts[i].ExcitationNames)}] differ from {paths[0]}'s [{string.Join(", ", parts[0].ExcitationNames)}].");
            }

            if (Math.Abs(parts[i].Dt - parts[0].Dt) > 1e-12 * parts[0].Dt)
            {
                throw new ArgumentException($"--data {paths[i]}: its control step {parts[i].Dt} s differs from {paths[0]}'s {parts[0].Dt} s.");
            }
        }

        var steps = parts.Min(p => p.Steps);
        return TrajectoryBatch.Concatenate([.. parts.Select(p => new TrajectoryBatch(
            p.Layout,
            p.ExcitationNames,
            p.Dt,
            p.InitialStates,
            p.Excitations.SliceSteps(0, steps),
            p.States.SliceSteps(0, steps),
            TaskInputSequence.None(p.BatchSize, steps),
            p.Generation,
            p.Provenance))]);
    }
}
