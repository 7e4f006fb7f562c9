using ArmRnn.Data;
using ArmRnn.Geometry;
using ArmRnn.Options;
using ArmRnn.Tasks;

namespace ArmRnn.Metrics;

/// <summary>
/// Kinematic measures of reaches: endpoint error, deviation from the straight line, peak speed, movement onset,
/// end and time.
/// </summary>
/// <remarks>
/// <para>A hand path is <c>[T, 3]</c> (x, y, z per sample); sample t is at time (t + 1)·dt, as in
/// <see cref="TrajectoryBatch.States"/>. The speed at sample t is the length of the central difference
/// (p[t+1] − p[t−1]) / (2·dt) (second-order accurate); the first and last samples use one-sided differences
/// (p[1] − p[0]) / dt and (p[T−1] − p[T−2]) / dt; a one-sample path has speed 0.</para>
/// <para>With the threshold θ = SpeedThresholdFraction · peak speed: onset is the first sample whose speed exceeds θ;
/// the end is the first sample after the peak whose speed is below θ (undefined, -1 / NaN, if there is none).
/// The maximum deviation is the largest distance from the line through start and target over the samples from
/// onset to end inclusive (to the last sample when the end is undefined; the whole path when there is no onset,
/// i.e. no motion). When start and target coincide the "line" is the start point.</para>
/// <para>With <see cref="ReachMetricsOptions.Plane"/> set, the endpoint error and the deviation are measured on the
/// positions projected onto that plane.</para>
/// </remarks>
public static class ReachMetrics
{
    /// <summary>The measures of one reach.</summary>
    /// <param name="handPath">The hand path, <c>[T, 3]</c> flattened; T ≥ 1.</param>
    /// <param name="start">The start position (m), defining the straight line with <paramref name="target"/>.</param>
    /// <param name="target">The target position (m).</param>
    /// <param name="dt">Time between samples (s).</param>
    /// <param name="options">Threshold and endpoint sample; the defaults when null.</param>
    /// <exception cref="ArgumentException">The path is empty or not a multiple of 3 long, dt is not positive, the
    /// endpoint sample is beyond the path, or an option is invalid.</exception>
    public static ReachOutcome Compute(ReadOnlySpan<double> handPath, Point3 start, Point3 target, double dt, ReachMetricsOptions? options = null)
    {
        options = (options ?? new ReachMetricsOptions()).EnsureValid();
        if (handPath.Length == 0 || handPath.Length % 3 != 0)
        {
            throw new ArgumentException($"A hand path must hold [T, 3] values with T ≥ 1; its length is {handPath.Length}.", nameof(handPath));
        }

        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The time between samples must be a positive, finite number of seconds.");
        }

        var samples = handPath.Length / 3;
        var endpointStep = options.EndpointStep ?? samples - 1;
        if (endpointStep >= samples)
        {
            throw new ArgumentOutOfRangeException(nameof(options), endpointStep, $"EndpointStep {endpointStep} is beyond the path's {samples} samples.");
        }

        var endpointError = InPlane(Point(handPath, endpointStep) - target, options.Plane).Length;

        var peak = -1.0;
        var peakStep = 0;
        for (var t = 0; t < samples; t++)
        {
            var speed = Speed(handPath, t, dt);
            if (speed > peak)
            {
                peak = speed;
                peakStep = t;
            }
        }

        var threshold = options.SpeedThresholdFraction * peak;
        var onset = -1;
        for (var t = 0; t < samples && onset < 0; t++)
        {
            if (Speed(handPath, t, dt) > threshold)
            {
                onset = t;
            }
        }

        var end = -1;
        for (var t = peakStep + 1; t < samples && end < 0; t++)
        {
            if (Speed(handPath, t, dt) < threshold)
            {
                end = t;
            }
        }

        var from = onset < 0 ? 0 : onset;
        var to = onset < 0 || end < 0 ? samples - 1 : end;
        var deviation = MaxDeviation(handPath, start, target, from, to, options.Plane);
        var onsetTime = onset < 0 ? double.NaN : (onset + 1) * dt;
        var endTime = end < 0 ? double.NaN : (end + 1) * dt;
        var movementTime = onset < 0 || end < 0 ? double.NaN : (end - onset) * dt;
        return new ReachOutcome(endpointError, deviation, peak, peakStep, onset, end, onsetTime, endTime, movementTime);
    }

    /// <summary>
    /// The measures of every trajectory of a batch. Reach trials are measured against their target; catch trials
    /// against their start (the hand should not move, so their endpoint error is the drift).
    /// </summary>
    /// <param name="handPaths">Hand paths, <c>[batch, time, 3]</c> (see <see cref="HandPath.Extract(TrajectoryBatch, Layouts.HandChannels)"/>).</param>
    /// <param name="trials">The trials, one per trajectory.</param>
    /// <param name="dt">Control step (s).</param>
    /// <param name="options">Threshold and endpoint sample; the defaults when null.</param>
    /// <exception cref="ArgumentException">The paths are not <c>[batch, time, 3]</c> or the trial count differs.</exception>
    public static IReadOnlyList<ReachOutcome> ComputeBatch(TrajectoryArray handPaths, IReadOnlyList<ReachTrial> trials, double dt, ReachMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handPaths);
        ArgumentNullException.ThrowIfNull(trials);
        if (handPaths.Channels != 3 || handPaths.BatchSize != trials.Count)
        {
            throw new ArgumentException(
                $"The hand paths have shape [{handPaths.BatchSize}, {handPaths.Steps}, {handPaths.Channels}] but [{trials.Count}, T, 3] is required for {trials.Count} trials.",
                nameof(handPaths));
        }

        var outcomes = new ReachOutcome[trials.Count];
        for (var b = 0; b < trials.Count; b++)
        {
            var trial = trials[b];
            var goal = trial.IsCatchTrial ? trial.Start : trial.Target;
            outcomes[b] = Compute(handPaths.Trajectory(b), trial.Start, goal, dt, options);
        }

        return outcomes;
    }

    /// <summary>Summarises the outcomes of many trials (see <see cref="ReachSummary"/>); catch trials are counted apart.</summary>
    /// <param name="outcomes">The outcomes, e.g. from <see cref="ComputeBatch"/> (catch trials measured from the start).</param>
    /// <param name="trials">The trials, in the same order.</param>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static ReachSummary Summarize(IReadOnlyList<ReachOutcome> outcomes, IReadOnlyList<ReachTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(trials);
        if (outcomes.Count != trials.Count)
        {
            throw new ArgumentException($"{outcomes.Count} outcomes for {trials.Count} trials.", nameof(outcomes));
        }

        var reaches = new List<ReachOutcome>();
        var catchDrift = new List<double>();
        var byCondition = new SortedDictionary<int, List<double>>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (trials[i].IsCatchTrial)
            {
                catchDrift.Add(outcomes[i].EndpointError);
                continue;
            }

            reaches.Add(outcomes[i]);
            if (!byCondition.TryGetValue(trials[i].Condition, out var errors))
            {
                errors = [];
                byCondition.Add(trials[i].Condition, errors);
            }

            errors.Add(outcomes[i].EndpointError);
        }

        var movementTimes = reaches.Select(o => o.MovementTime).Where(m => !double.IsNaN(m)).ToArray();
        var perCondition = new SortedDictionary<int, double>();
        foreach (var (condition, errors) in byCondition)
        {
            perCondition.Add(condition, errors.Average());
        }

        return new ReachSummary(
            reaches.Count,
            catchDrift.Count,
            MeanOrNaN(reaches.Select(o => o.EndpointError)),
            reaches.Count == 0 ? double.NaN : reaches.Max(o => o.MaxDeviation),
            MeanOrNaN(reaches.Select(o => o.MaxDeviation)),
            MeanOrNaN(reaches.Select(o => o.PeakSpeed)),
            MeanOrNaN(movementTimes),
            reaches.Count - movementTimes.Length,
            MeanOrNaN(catchDrift),
            perCondition);
    }

    private static double MeanOrNaN(IEnumerable<double> values)
    {
        double sum = 0;
        var count = 0;
        foreach (var value in values)
        {
            sum += value;
            count++;
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private static Point3 Point(ReadOnlySpan<double> path, int sample) => Point3.FromSpan(path.Slice(3 * sample, 3));

    private static double Speed(ReadOnlySpan<double> path, int t, double dt)
    {
        var samples = path.Length / 3;
        if (samples < 2)
        {
            return 0;
        }

        if (t == 0)
        {
            return (Point(path, 1) - Point(path, 0)).Length / dt;
        }

        if (t == samples - 1)
        {
            return (Point(path, t) - Point(path, t - 1)).Length / dt;
        }

        return (Point(path, t + 1) - Point(path, t - 1)).Length / (2 * dt);
    }

    /// <summary>The offset itself without a plane, else its projection onto the plane.</summary>
    private static Point3 InPlane(Point3 offset, ReachPlane? plane) => plane is null ? offset : plane.Project(offset);

    private static double MaxDeviation(ReadOnlySpan<double> path, Point3 start, Point3 target, int from, int to, ReachPlane? plane)
    {
        var line = InPlane(target - start, plane);
        var length = line.Length;
        var direction = length > 0 ? line / length : Point3.Zero;
        var max = 0.0;
        for (var t = from; t <= to; t++)
        {
            var offset = InPlane(Point(path, t) - start, plane);
            var distance = length > 0 ? offset.Cross(direction).Length : offset.Length;
            max = Math.Max(max, distance);
        }

        return max;
    }
}
