namespace ArmRnn.Metrics;

/// <summary>The kinematic measures of one reach (see <see cref="ReachMetrics.Compute"/>). Sample t of the path is
/// at time (t + 1)·dt, as in <see cref="Data.TrajectoryBatch.States"/>.</summary>
/// <param name="EndpointError">Distance (m) from the target at the endpoint sample.</param>
/// <param name="MaxDeviation">Largest perpendicular distance (m) from the straight start-to-target line during the movement.</param>
/// <param name="PeakSpeed">Largest hand speed (m/s).</param>
/// <param name="PeakSpeedStep">The sample of the peak speed.</param>
/// <param name="OnsetStep">The first sample whose speed exceeds the threshold, or -1 when none does.</param>
/// <param name="EndStep">The first sample after the peak whose speed is below the threshold again, or -1 when none is.</param>
/// <param name="OnsetTime">Time (s) of <paramref name="OnsetStep"/>, NaN when there is none.</param>
/// <param name="EndTime">Time (s) of <paramref name="EndStep"/>, NaN when there is none.</param>
/// <param name="MovementTime">EndTime − OnsetTime (s), NaN when either is undefined.</param>
public sealed record ReachOutcome(
    double EndpointError,
    double MaxDeviation,
    double PeakSpeed,
    int PeakSpeedStep,
    int OnsetStep,
    int EndStep,
    double OnsetTime,
    double EndTime,
    double MovementTime);
