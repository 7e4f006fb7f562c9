using ArmRnn.Options;

namespace ArmRnn.Plants;

/// <summary>Gains of <see cref="PointMassReachController"/>.</summary>
public sealed class PointMassReachControllerOptions : IValidatableOptions
{
    /// <summary>Duration (s) of the minimum-jerk reference the controller tracks after the go cue.</summary>
    public double MovementTime { get; set; } = 0.5;

    /// <summary>Position gain (N/m).</summary>
    public double PositionGain { get; set; } = 150;

    /// <summary>Velocity gain (N·s/m).</summary>
    public double VelocityGain { get; set; } = 15;

    /// <summary>Baseline excitation of every muscle (co-contraction), so that pulling in any direction is possible
    /// without leaving [0, 1].</summary>
    public double CoContraction { get; set; } = 0.2;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.Positive(nameof(MovementTime), MovementTime),
        OptionChecks.NonNegative(nameof(PositionGain), PositionGain),
        OptionChecks.NonNegative(nameof(VelocityGain), VelocityGain),
        OptionChecks.InRange(nameof(CoContraction), CoContraction, 0, 1));

    /// <summary>A copy.</summary>
    public PointMassReachControllerOptions Clone() => (PointMassReachControllerOptions)MemberwiseClone();
}
