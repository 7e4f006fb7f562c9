using System.Globalization;
using ArmRnn.Layouts;
using ArmRnn.Options;

namespace ArmRnn.Tasks;

/// <summary>Parameters of <see cref="CenterOutTask"/>. Defaults: 8 targets on a 10 cm circle, go cue at 0.3 s,
/// 0.5 s minimum-jerk reference movement, in the ground x-y plane, Arm26's hand marker.</summary>
public sealed class CenterOutTaskOptions : IValidatableOptions
{
    /// <summary>Number of targets N, evenly spaced on the circle (1 to 360).</summary>
    public int TargetCount { get; set; } = 8;

    /// <summary>Distance (m) of every target from the start, positive.</summary>
    public double Radius { get; set; } = 0.10;

    /// <summary>Angle (rad) of target 0 in the plane, measured from U towards V; target k is at
    /// FirstTargetAngle + 2πk / N.</summary>
    public double FirstTargetAngle { get; set; }

    /// <summary>Duration (s) of the reference movement, positive.</summary>
    public double MovementTime { get; set; } = 0.5;

    /// <summary>Nominal time (s) of the go cue after the start of the trial, ≥ 0.</summary>
    public double GoCueTime { get; set; } = 0.3;

    /// <summary>Half-width (s) of the uniform jitter added to <see cref="GoCueTime"/>, in [0, GoCueTime]; 0 for a
    /// fixed cue time.</summary>
    public double GoCueJitter { get; set; }

    /// <summary>Delay (s) from the go cue to the start of the reference movement, ≥ 0.</summary>
    public double ReactionTime { get; set; }

    /// <summary>The plane of the targets.</summary>
    public ReachPlane Plane { get; set; } = ReachPlane.XY;

    /// <summary>The state channels of the hand position.</summary>
    public HandChannels Hand { get; set; } = Arm26Layout.Hand;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.InRange(nameof(TargetCount), TargetCount, 1, 360),
        OptionChecks.Positive(nameof(Radius), Radius),
        double.IsFinite(FirstTargetAngle) ? null : string.Create(CultureInfo.InvariantCulture, $"{nameof(FirstTargetAngle)} must be a finite angle in radians; it is {FirstTargetAngle}."),
        OptionChecks.Positive(nameof(MovementTime), MovementTime),
        OptionChecks.NonNegative(nameof(GoCueTime), GoCueTime),
        OptionChecks.NonNegative(nameof(GoCueJitter), GoCueJitter),
        OptionChecks.Ordered(nameof(GoCueJitter), GoCueJitter, nameof(GoCueTime), GoCueTime),
        OptionChecks.NonNegative(nameof(ReactionTime), ReactionTime),
        Plane is null ? $"{nameof(Plane)} must be set." : null,
        Hand is null ? $"{nameof(Hand)} must be set." : null);

    /// <summary>A copy (tasks copy their options so later changes do not affect them).</summary>
    public CenterOutTaskOptions Clone() => (CenterOutTaskOptions)MemberwiseClone();
}
