using ArmRnn.Layouts;
using ArmRnn.Options;

namespace ArmRnn.Tasks;

/// <summary>Parameters of <see cref="RandomReachTask"/>. Defaults: targets 2 to 10 cm from the start, go cue
/// uniform in [0.1, 0.5] s, 0.5 s movements, 10% catch trials, ground x-y plane, Arm26's hand marker.</summary>
public sealed class RandomReachTaskOptions : IValidatableOptions
{
    /// <summary>Smallest target distance (m) from the start, ≥ 0.</summary>
    public double MinDistance { get; set; } = 0.02;

    /// <summary>Largest target distance (m) from the start, positive and ≥ <see cref="MinDistance"/>.</summary>
    public double MaxDistance { get; set; } = 0.10;

    /// <summary>Earliest go cue (s), ≥ 0.</summary>
    public double MinGoCueTime { get; set; } = 0.1;

    /// <summary>Latest go cue (s), ≥ <see cref="MinGoCueTime"/>.</summary>
    public double MaxGoCueTime { get; set; } = 0.5;

    /// <summary>Shortest movement time (s), positive.</summary>
    public double MinMovementTime { get; set; } = 0.5;

    /// <summary>Longest movement time (s), ≥ <see cref="MinMovementTime"/>; equal to it for a fixed movement time.</summary>
    public double MaxMovementTime { get; set; } = 0.5;

    /// <summary>Delay (s) from the go cue to the start of the reference movement, ≥ 0.</summary>
    public double ReactionTime { get; set; }

    /// <summary>Probability in [0, 1] that a trial is a catch trial (no go cue; the reference stays at the start).</summary>
    public double CatchTrialProbability { get; set; } = 0.1;

    /// <summary>The plane of the targets.</summary>
    public ReachPlane Plane { get; set; } = ReachPlane.XY;

    /// <summary>The state channels of the hand position.</summary>
    public HandChannels Hand { get; set; } = Arm26Layout.Hand;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.NonNegative(nameof(MinDistance), MinDistance),
        OptionChecks.Positive(nameof(MaxDistance), MaxDistance),
        OptionChecks.Ordered(nameof(MinDistance), MinDistance, nameof(MaxDistance), MaxDistance),
        OptionChecks.NonNegative(nameof(MinGoCueTime), MinGoCueTime),
        OptionChecks.NonNegative(nameof(MaxGoCueTime), MaxGoCueTime),
        OptionChecks.Ordered(nameof(MinGoCueTime), MinGoCueTime, nameof(MaxGoCueTime), MaxGoCueTime),
        OptionChecks.Positive(nameof(MinMovementTime), MinMovementTime),
        OptionChecks.Positive(nameof(MaxMovementTime), MaxMovementTime),
        OptionChecks.Ordered(nameof(MinMovementTime), MinMovementTime, nameof(MaxMovementTime), MaxMovementTime),
        OptionChecks.NonNegative(nameof(ReactionTime), ReactionTime),
        OptionChecks.InRange(nameof(CatchTrialProbability), CatchTrialProbability, 0.0, 1.0),
        Plane is null ? $"{nameof(Plane)} must be set." : null,
        Hand is null ? $"{nameof(Hand)} must be set." : null);

    /// <summary>A copy (tasks copy their options so later changes do not affect them).</summary>
    public RandomReachTaskOptions Clone() => (RandomReachTaskOptions)MemberwiseClone();
}
