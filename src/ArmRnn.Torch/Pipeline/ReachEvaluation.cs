namespace ArmRnn.Torch.Pipeline;

/// <summary>ControllerNet on the centre-out task driving one plant (the real plant or ArmNet), one trial per target
/// from the home posture. Lengths in metres, speeds in m/s, times in seconds.</summary>
/// <param name="MeanEndpointError">Mean over targets of the distance from the hand to the target at the last step.</param>
/// <param name="MaxPathDeviation">The largest perpendicular distance from the straight start-to-target line over all targets.</param>
/// <param name="MeanPathDeviation">The mean over targets of each reach's largest deviation from its straight line.</param>
/// <param name="MeanPeakSpeed">Mean over targets of the peak hand speed.</param>
/// <param name="MeanMovementTime">Mean movement time over the reaches whose movement has a defined end (NaN when none).</param>
/// <param name="EndpointErrorByTarget">Endpoint error per target, in target order.</param>
/// <param name="PathDeviationByTarget">Largest deviation from the straight line per target.</param>
/// <param name="PeakSpeedByTarget">Peak speed per target.</param>
/// <param name="MovementTimeByTarget">Movement time per target (NaN when the movement does not end).</param>
public sealed record ReachEvaluation(
    double MeanEndpointError,
    double MaxPathDeviation,
    double MeanPathDeviation,
    double MeanPeakSpeed,
    double MeanMovementTime,
    IReadOnlyList<double> EndpointErrorByTarget,
    IReadOnlyList<double> PathDeviationByTarget,
    IReadOnlyList<double> PeakSpeedByTarget,
    IReadOnlyList<double> MovementTimeByTarget);
