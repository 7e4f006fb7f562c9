using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Geometry;
using ArmRnn.Layouts;
using ArmRnn.Randomness;

namespace ArmRnn.Tasks;

/// <summary>The checks and the assembly shared by the reaching tasks.</summary>
internal static class ReachBatchBuilder
{
    /// <summary>Allowance for rounding when converting a movement time into whole steps.</summary>
    private const double StepRoundingSlack = 1e-9;

    /// <summary>Checks the arguments of <see cref="IReachTask.CreateBatch"/> and returns the hand channel indices.</summary>
    public static (int X, int Y, int Z) CheckArguments(
        int batchSize, int steps, double dt, TrajectoryArray startStates, StateLayout layout, HandChannels hand, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(startStates);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The control step must be a positive, finite number of seconds.");
        }

        if (startStates.BatchSize != batchSize || startStates.Steps != 1 || startStates.Channels != layout.Count)
        {
            throw new ArgumentException(
                $"The start states have shape [{startStates.BatchSize}, {startStates.Steps}, {startStates.Channels}] but [{batchSize}, 1, {layout.Count}] is required (batch size {batchSize}, layout '{layout.Name}').",
                nameof(startStates));
        }

        return hand.IndicesIn(layout);
    }

    /// <summary>The hand position in the start state of trajectory <paramref name="batch"/> (z = 0 without a z channel).</summary>
    public static Point3 ReadStart(TrajectoryArray startStates, int batch, (int X, int Y, int Z) hand)
    {
        var state = startStates.At(batch, 0);
        return new Point3(state[hand.X], state[hand.Y], hand.Z < 0 ? 0.0 : state[hand.Z]);
    }

    /// <summary>The step nearest to <paramref name="time"/> (halves round up).</summary>
    public static int ToStep(double time, double dt) => (int)Math.Round(time / dt, MidpointRounding.AwayFromZero);

    /// <summary>Throws when <paramref name="steps"/> cannot hold the latest go cue, the reaction time and the longest movement.</summary>
    public static void CheckSteps(string task, int steps, double dt, double latestGoCueTime, double reactionTime, double longestMovementTime)
    {
        var cueStep = ToStep(latestGoCueTime, dt);
        var reactionSteps = ToStep(reactionTime, dt);
        var movementSteps = (int)Math.Ceiling((longestMovementTime / dt) - StepRoundingSlack);
        var required = (long)cueStep + reactionSteps + movementSteps;
        if (steps < required)
        {
            throw new ArgumentOutOfRangeException(
                nameof(steps),
                steps,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{task} needs at least {required} steps of {dt} s ({required * dt} s: go cue up to {latestGoCueTime} s, reaction {reactionTime} s, movement up to {longestMovementTime} s) for the reference to reach the target, but {steps} steps ({steps * dt} s) were requested."));
        }
    }

    /// <summary>Writes the inputs and reference paths of <paramref name="trials"/> into a new batch.</summary>
    public static ReachTaskBatch Build(IReadOnlyList<ReachTrial> trials, int steps, double dt, ReachPlane plane)
    {
        var batchSize = trials.Count;
        var inputs = new TrajectoryArray(batchSize, steps, ReachTaskInputs.Names.Count);
        var reference = new TrajectoryArray(batchSize, steps, 3);
        for (var b = 0; b < batchSize; b++)
        {
            var trial = trials[b];
            var (u, v) = plane.ToPlane(trial.Target - trial.Start);
            for (var t = 0; t < steps; t++)
            {
                var row = inputs.At(b, t);
                row[0] = u;
                row[1] = v;
                row[2] = !trial.IsCatchTrial && t >= trial.GoCueStep ? 1.0 : 0.0;
            }

            ReachReference.Fill(trial, dt, reference.Trajectory(b));
        }

        return new ReachTaskBatch(new TaskInputSequence(ReachTaskInputs.Names, inputs), reference, trials, dt, plane);
    }
}
