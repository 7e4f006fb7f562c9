using ArmRnn.Geometry;

namespace ArmRnn.Tasks;

/// <summary>One reaching trial: where the hand starts, where the target is and when the go cue comes.</summary>
/// <remarks>
/// Steps follow <see cref="Data.TrajectoryBatch"/>: step t runs from t·dt to (t+1)·dt. The go cue input is 1 from
/// step <see cref="GoCueStep"/> on; the reference hand leaves the start at time <see cref="MovementStartStep"/>·dt
/// and reaches the target <see cref="MovementTime"/> seconds later. Catch trials have no go cue:
/// <see cref="GoCueStep"/> and <see cref="MovementStartStep"/> are -1 and the reference stays at the start
/// (the target is still shown).
/// </remarks>
/// <param name="Condition">The target index (e.g. 0 to 7 for eight centre-out targets), or -1 for a random target.</param>
/// <param name="Start">The hand position at time 0, in ground (m).</param>
/// <param name="Target">The target position, in ground (m).</param>
/// <param name="GoCueStep">The first step at which the go cue is on, or -1 for a catch trial.</param>
/// <param name="MovementStartStep">The step at whose start the reference starts moving, or -1 for a catch trial.</param>
/// <param name="MovementTime">Duration of the reference movement (s).</param>
/// <param name="IsCatchTrial">Whether this is a catch trial (no go cue; the hand should stay at the start).</param>
public sealed record ReachTrial(
    int Condition,
    Point3 Start,
    Point3 Target,
    int GoCueStep,
    int MovementStartStep,
    double MovementTime,
    bool IsCatchTrial)
{
    /// <summary>The straight-line distance from start to target (m).</summary>
    public double Distance => Start.DistanceTo(Target);
}
