using ArmRnn.Data;

namespace ArmRnn.Tasks;

/// <summary>A batch of reaching trials: the task inputs a controller sees and the reference hand path it should follow.</summary>
public sealed class ReachTaskBatch
{
    /// <summary>Creates a batch and checks that the shapes agree.</summary>
    /// <param name="inputs">Task inputs, <c>[batch, time, input]</c>.</param>
    /// <param name="referenceHand">Reference hand positions, <c>[batch, time, 3]</c>, aligned with
    /// <see cref="TrajectoryBatch.States"/> (step t at time (t + 1)·dt).</param>
    /// <param name="trials">One trial description per trajectory.</param>
    /// <param name="dt">Control step (s), positive.</param>
    /// <param name="plane">The plane the reaches are made in (null: <see cref="ReachPlane.XY"/>); controller training
    /// scores the hand's error in this plane only.</param>
    /// <exception cref="ArgumentException">The shapes or counts disagree; the message says how.</exception>
    public ReachTaskBatch(TaskInputSequence inputs, TrajectoryArray referenceHand, IReadOnlyList<ReachTrial> trials, double dt, ReachPlane? plane = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(referenceHand);
        ArgumentNullException.ThrowIfNull(trials);
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The control step must be a positive, finite number of seconds.");
        }

        if (referenceHand.Channels != 3 || referenceHand.BatchSize != inputs.BatchSize || referenceHand.Steps != inputs.Steps)
        {
            throw new ArgumentException(
                $"The reference hand has shape [{referenceHand.BatchSize}, {referenceHand.Steps}, {referenceHand.Channels}] but [{inputs.BatchSize}, {inputs.Steps}, 3] is required by the inputs.",
                nameof(referenceHand));
        }

        if (trials.Count != inputs.BatchSize)
        {
            throw new ArgumentException($"{trials.Count} trials for a batch of {inputs.BatchSize}.", nameof(trials));
        }

        Inputs = inputs;
        ReferenceHand = referenceHand;
        Trials = [.. trials];
        Dt = dt;
        Plane = plane ?? ReachPlane.XY;
    }

    /// <summary>The plane the reaches are made in. The reference path lies in it; the hand's distance from the plane is
    /// set by the arm's kinematics (Arm26's hand moves a few millimetres along z), not by the task.</summary>
    public ReachPlane Plane { get; }

    /// <summary>Task inputs (<see cref="ReachTaskInputs.Names"/>), <c>[batch, time, input]</c>.</summary>
    public TaskInputSequence Inputs { get; }

    /// <summary>Reference hand positions in ground (m), <c>[batch, time, 3]</c>, at the state times (t + 1)·dt.</summary>
    public TrajectoryArray ReferenceHand { get; }

    /// <summary>The trials, one per trajectory.</summary>
    public IReadOnlyList<ReachTrial> Trials { get; }

    /// <summary>Control step (s).</summary>
    public double Dt { get; }

    /// <summary>Number of trials.</summary>
    public int BatchSize => Inputs.BatchSize;

    /// <summary>Number of steps.</summary>
    public int Steps => Inputs.Steps;
}
