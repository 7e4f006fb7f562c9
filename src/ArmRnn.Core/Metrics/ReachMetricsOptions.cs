using System.Globalization;
using ArmRnn.Options;
using ArmRnn.Tasks;

namespace ArmRnn.Metrics;

/// <summary>Parameters of <see cref="ReachMetrics"/>.</summary>
public sealed class ReachMetricsOptions : IValidatableOptions
{
    /// <summary>The fraction of the peak speed, in (0, 1), above which the hand counts as moving (default 0.1).</summary>
    public double SpeedThresholdFraction { get; set; } = 0.1;

    /// <summary>The sample at which the endpoint error is measured (0-based, ≥ 0), or null for the last one.</summary>
    public int? EndpointStep { get; set; }

    /// <summary>
    /// The plane the reaches are made in, or null (default) to measure in 3D. When set, the endpoint error and the
    /// deviation from the straight line are measured in the plane (positions projected onto it); speeds stay 3D. Use it
    /// for planar tasks on an arm whose hand leaves the plane with posture, as Arm26's does by a few millimetres along
    /// z: that offset at a target is set by the arm's kinematics, not by how well it was reached.
    /// </summary>
    public ReachPlane? Plane { get; set; }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        SpeedThresholdFraction is > 0 and < 1
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{nameof(SpeedThresholdFraction)} must be in (0, 1); it is {SpeedThresholdFraction}."),
        EndpointStep is null or >= 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{nameof(EndpointStep)} must be null (the last sample) or ≥ 0; it is {EndpointStep}."));

    /// <summary>A copy.</summary>
    public ReachMetricsOptions Clone() => (ReachMetricsOptions)MemberwiseClone();
}
