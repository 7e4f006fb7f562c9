namespace ArmRnn.Data;

/// <summary>Named task inputs per step (e.g. target position and go cue), <c>[batch, time, input]</c>.</summary>
public sealed class TaskInputSequence
{
    /// <summary>Creates a sequence; the number of names must equal the array's channel count.</summary>
    /// <exception cref="ArgumentException">Names and channels disagree.</exception>
    public TaskInputSequence(IReadOnlyList<string> names, TrajectoryArray values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        if (names.Count != values.Channels)
        {
            throw new ArgumentException(
                $"{names.Count} task input names for {values.Channels} task input channels.", nameof(names));
        }

        Names = [.. names];
        Values = values;
    }

    /// <summary>Input names, in channel order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The inputs, <c>[batch, time, input]</c>.</summary>
    public TrajectoryArray Values { get; }

    /// <summary>Number of trajectories.</summary>
    public int BatchSize => Values.BatchSize;

    /// <summary>Number of steps.</summary>
    public int Steps => Values.Steps;

    /// <summary>A sequence with no inputs (for plants driven by scripted or replayed excitations).</summary>
    public static TaskInputSequence None(int batchSize, int steps) => new([], new TrajectoryArray(batchSize, steps, 0));
}
