using ArmRnn.Data;
using ArmRnn.Layouts;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Condition-averaged (PSTH-like) recordings of a controller in closed loop, aligned to an event: hidden states, task
/// inputs, excitations and arm states as <c>[condition, time, unit]</c> arrays. Index t of the aligned window is the
/// trial step <c>event − StepsBefore + t</c>, at aligned time <see cref="Time"/>(t) = (t − StepsBefore)·dt; for each
/// step, inputs and excitations are those held during the step, hidden and arm states those at its end (the dataset
/// convention of <c>docs/dataset-format.md</c>).
/// </summary>
public sealed class PopulationRecording
{
    /// <summary>Creates a recording and checks that the shapes agree.</summary>
    /// <exception cref="ArgumentException">The arrays' shapes or the name counts disagree.</exception>
    public PopulationRecording(
        StateLayout layout,
        IReadOnlyList<string> excitationNames,
        IReadOnlyList<string> taskInputNames,
        double dt,
        AlignmentEvent alignment,
        int stepsBefore,
        double onsetSpeedFraction,
        IReadOnlyList<int> trialCounts,
        TrajectoryArray targetOffsets,
        TrajectoryArray hidden,
        TrajectoryArray taskInputs,
        TrajectoryArray excitations,
        TrajectoryArray states,
        IReadOnlyDictionary<string, string>? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(excitationNames);
        ArgumentNullException.ThrowIfNull(taskInputNames);
        ArgumentNullException.ThrowIfNull(trialCounts);
        ArgumentNullException.ThrowIfNull(targetOffsets);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(taskInputs);
        ArgumentNullException.ThrowIfNull(excitations);
        ArgumentNullException.ThrowIfNull(states);
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The control step must be a positive, finite number of seconds.");
        }

        var (c, t) = (hidden.BatchSize, hidden.Steps);
        Check(taskInputs, c, t, taskInputNames.Count, "task inputs");
        Check(excitations, c, t, excitationNames.Count, "excitations");
        Check(states, c, t, layout.Count, "states");
        Check(targetOffsets, c, 1, 3, "target offsets");
        if (trialCounts.Count != c)
        {
            throw new ArgumentException($"{trialCounts.Count} trial counts for {c} conditions.", nameof(trialCounts));
        }

        if (stepsBefore < 0 || stepsBefore > t)
        {
            throw new ArgumentOutOfRangeException(nameof(stepsBefore), stepsBefore, $"Steps before the event must be in [0, {t}].");
        }

        Layout = layout;
        ExcitationNames = [.. excitationNames];
        TaskInputNames = [.. taskInputNames];
        Dt = dt;
        Alignment = alignment;
        StepsBefore = stepsBefore;
        OnsetSpeedFraction = onsetSpeedFraction;
        TrialCounts = [.. trialCounts];
        TargetOffsets = targetOffsets;
        Hidden = hidden;
        TaskInputs = taskInputs;
        Excitations = excitations;
        States = states;
        Provenance = new Dictionary<string, string>(provenance ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    /// <summary>The arm's state layout.</summary>
    public StateLayout Layout { get; }

    /// <summary>The excitation names.</summary>
    public IReadOnlyList<string> ExcitationNames { get; }

    /// <summary>The controller's task input names.</summary>
    public IReadOnlyList<string> TaskInputNames { get; }

    /// <summary>The control step (s).</summary>
    public double Dt { get; }

    /// <summary>The event the trials were aligned to.</summary>
    public AlignmentEvent Alignment { get; }

    /// <summary>Window steps before the event (the event is at index StepsBefore).</summary>
    public int StepsBefore { get; }

    /// <summary>The speed fraction that defined movement onset.</summary>
    public double OnsetSpeedFraction { get; }

    /// <summary>Trials averaged per condition.</summary>
    public IReadOnlyList<int> TrialCounts { get; }

    /// <summary>Mean target offset (target − start, m, ground x/y/z) per condition, <c>[condition, 1, 3]</c>.</summary>
    public TrajectoryArray TargetOffsets { get; }

    /// <summary>Controller hidden states <c>[condition, time, unit]</c>.</summary>
    public TrajectoryArray Hidden { get; }

    /// <summary>Task inputs <c>[condition, time, input]</c>.</summary>
    public TrajectoryArray TaskInputs { get; }

    /// <summary>Excitations <c>[condition, time, muscle]</c>.</summary>
    public TrajectoryArray Excitations { get; }

    /// <summary>Arm states <c>[condition, time, channel]</c>.</summary>
    public TrajectoryArray States { get; }

    /// <summary>Free-form provenance (controller, plant, task, seed ...).</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; }

    /// <summary>Conditions.</summary>
    public int Conditions => Hidden.BatchSize;

    /// <summary>Steps in the aligned window.</summary>
    public int Steps => Hidden.Steps;

    /// <summary>Hidden units.</summary>
    public int Units => Hidden.Channels;

    /// <summary>The aligned time (s) of window index <paramref name="step"/>: (step − StepsBefore)·dt.</summary>
    public double Time(int step) => (step - StepsBefore) * Dt;

    private static void Check(TrajectoryArray array, int conditions, int steps, int channels, string what)
    {
        if (array.BatchSize != conditions || array.Steps != steps || array.Channels != channels)
        {
            throw new ArgumentException($"The {what} have shape [{array.BatchSize}, {array.Steps}, {array.Channels}] but [{conditions}, {steps}, {channels}] is expected.", what);
        }
    }
}
