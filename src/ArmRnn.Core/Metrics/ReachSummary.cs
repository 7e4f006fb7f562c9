namespace ArmRnn.Metrics;

/// <summary>Reach measures over many trials (see <see cref="ReachMetrics.Summarize"/>). Catch trials are counted
/// apart and left out of every other figure.</summary>
/// <param name="TrialCount">Number of reach (non-catch) trials.</param>
/// <param name="CatchTrialCount">Number of catch trials.</param>
/// <param name="MeanEndpointError">Mean endpoint error (m) of the reach trials.</param>
/// <param name="MaxDeviation">The largest <see cref="ReachOutcome.MaxDeviation"/> (m) of the reach trials.</param>
/// <param name="MeanMaxDeviation">The mean of <see cref="ReachOutcome.MaxDeviation"/> (m) over the reach trials.</param>
/// <param name="MeanPeakSpeed">Mean peak speed (m/s) of the reach trials.</param>
/// <param name="MeanMovementTime">Mean movement time (s) over the reach trials whose movement time is defined.</param>
/// <param name="TrialsWithoutMovementEnd">Reach trials whose speed never fell below the threshold after the peak
/// (left out of <paramref name="MeanMovementTime"/>).</param>
/// <param name="MeanCatchTrialDrift">Mean endpoint error (m) of the catch trials, measured from the start (NaN without catch trials).</param>
/// <param name="EndpointErrorByCondition">Mean endpoint error (m) of the reach trials per condition (target index;
/// -1 for random targets), in increasing condition order.</param>
public sealed record ReachSummary(
    int TrialCount,
    int CatchTrialCount,
    double MeanEndpointError,
    double MaxDeviation,
    double MeanMaxDeviation,
    double MeanPeakSpeed,
    double MeanMovementTime,
    int TrialsWithoutMovementEnd,
    double MeanCatchTrialDrift,
    IReadOnlyDictionary<int, double> EndpointErrorByCondition);
