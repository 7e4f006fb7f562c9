using ArmRnn.Geometry;

namespace ArmRnn.Tasks;

/// <summary>
/// The reference hand path of a reaching trial: the start until the movement starts, then the straight line to the
/// target with the <see cref="MinimumJerk"/> profile over the movement time, then the target. Catch trials stay at
/// the start.
/// </summary>
public static class ReachReference
{
    /// <summary>The reference hand position at <paramref name="time"/> seconds after the start of the trial.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="time">Time since the start of the trial (s).</param>
    /// <param name="dt">Control step (s), to place <see cref="ReachTrial.MovementStartStep"/> in time.</param>
    public static Point3 PositionAt(ReachTrial trial, double time, double dt)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.IsCatchTrial || trial.MovementStartStep < 0)
        {
            return trial.Start;
        }

        return Interpolate(trial, (time - (trial.MovementStartStep * dt)) / trial.MovementTime);
    }

    /// <summary>
    /// Writes the reference at the state times of <see cref="Data.TrajectoryBatch.States"/>: sample t (values
    /// 3t to 3t + 2, x y z) is the position at time (t + 1)·dt. Allocation-free.
    /// </summary>
    /// <param name="trial">The trial.</param>
    /// <param name="dt">Control step (s).</param>
    /// <param name="destination">Destination, <c>[steps, 3]</c>; its length must be a multiple of 3.</param>
    /// <exception cref="ArgumentException">The destination's length is not a multiple of 3.</exception>
    public static void Fill(ReachTrial trial, double dt, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (destination.Length % 3 != 0)
        {
            throw new ArgumentException($"The destination must hold [steps, 3] values; its length {destination.Length} is not a multiple of 3.", nameof(destination));
        }

        var steps = destination.Length / 3;
        var moves = !trial.IsCatchTrial && trial.MovementStartStep >= 0;
        for (var t = 0; t < steps; t++)
        {
            // Whole steps since the movement start, times dt: exact at the step grid, unlike (t + 1)·dt − m·dt.
            var position = moves
                ? Interpolate(trial, (t + 1 - trial.MovementStartStep) * dt / trial.MovementTime)
                : trial.Start;
            destination[3 * t] = position.X;
            destination[(3 * t) + 1] = position.Y;
            destination[(3 * t) + 2] = position.Z;
        }
    }

    private static Point3 Interpolate(ReachTrial trial, double tau)
    {
        if (tau <= 0)
        {
            return trial.Start;
        }

        if (tau >= 1)
        {
            return trial.Target;
        }

        return trial.Start + ((trial.Target - trial.Start) * MinimumJerk.Position(tau));
    }
}
