using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Options;
using ArmRnn.Tasks;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Every trial of a closed-loop recording (<see cref="ClosedLoopRecorder"/>): hidden states, task inputs,
/// excitations and arm states as <c>[trial, time, unit]</c> arrays, with the trials' conditions and go cues.
/// <see cref="Average"/> aligns and averages them per condition.
/// </summary>
public sealed class TrialRecording
{
    /// <summary>Creates a recording.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, or a trial's condition is outside [0, conditionCount).</exception>
    public TrialRecording(
        StateLayout layout,
        IReadOnlyList<string> excitationNames,
        IReadOnlyList<string> taskInputNames,
        double dt,
        HandChannels hand,
        int conditionCount,
        IReadOnlyList<ReachTrial> trials,
        TrajectoryArray initialStates,
        TrajectoryArray hidden,
        TrajectoryArray taskInputs,
        TrajectoryArray excitations,
        TrajectoryArray states,
        IReadOnlyDictionary<string, string>? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(hand);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(initialStates);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(taskInputs);
        ArgumentNullException.ThrowIfNull(excitations);
        ArgumentNullException.ThrowIfNull(states);
        var b = hidden.BatchSize;
        if (trials.Count != b || initialStates.BatchSize != b || taskInputs.BatchSize != b || excitations.BatchSize != b || states.BatchSize != b
            || taskInputs.Steps != hidden.Steps || excitations.Steps != hidden.Steps || states.Steps != hidden.Steps
            || states.Channels != layout.Count || initialStates.Channels != layout.Count || excitations.Channels != excitationNames.Count
            || taskInputs.Channels != taskInputNames.Count)
        {
            throw new ArgumentException("The trial arrays' shapes, the trial count and the name counts disagree.", nameof(hidden));
        }

        foreach (var trial in trials)
        {
            if (trial.Condition < 0 || trial.Condition >= conditionCount)
            {
                throw new ArgumentException($"A trial has condition {trial.Condition}, outside [0, {conditionCount}).", nameof(trials));
            }
        }

        Layout = layout;
        ExcitationNames = [.. excitationNames];
        TaskInputNames = [.. taskInputNames];
        Dt = dt;
        Hand = hand;
        ConditionCount = conditionCount;
        Trials = [.. trials];
        InitialStates = initialStates;
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

    /// <summary>The controller's task input names (the columns of <see cref="TaskInputs"/>).</summary>
    public IReadOnlyList<string> TaskInputNames { get; }

    /// <summary>The control step (s).</summary>
    public double Dt { get; }

    /// <summary>The hand channels (for movement onset).</summary>
    public HandChannels Hand { get; }

    /// <summary>The number of conditions (targets).</summary>
    public int ConditionCount { get; }

    /// <summary>The trials (condition, start, target, go cue).</summary>
    public IReadOnlyList<ReachTrial> Trials { get; }

    /// <summary>Arm states at time 0 <c>[trial, 1, channel]</c>.</summary>
    public TrajectoryArray InitialStates { get; }

    /// <summary>Controller hidden states at the end of each step <c>[trial, time, unit]</c>.</summary>
    public TrajectoryArray Hidden { get; }

    /// <summary>Task inputs held during each step <c>[trial, time, input]</c>.</summary>
    public TrajectoryArray TaskInputs { get; }

    /// <summary>Excitations held during each step <c>[trial, time, muscle]</c>.</summary>
    public TrajectoryArray Excitations { get; }

    /// <summary>Arm states at the end of each step <c>[trial, time, channel]</c>.</summary>
    public TrajectoryArray States { get; }

    /// <summary>Free-form provenance.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; }

    /// <summary>
    /// Hand speed (m/s) during each step of trial <paramref name="trial"/>: the distance between the hand positions at
    /// the step's start and end over dt (z is 0 for planar hands).
    /// </summary>
    public double[] HandSpeed(int trial)
    {
        var (x, y, z) = Hand.IndicesIn(Layout);
        var speeds = new double[States.Steps];
        var previous = InitialStates.At(trial, 0);
        for (var t = 0; t < States.Steps; t++)
        {
            var now = States.At(trial, t);
            var dx = now[x] - previous[x];
            var dy = now[y] - previous[y];
            var dz = z >= 0 ? now[z] - previous[z] : 0;
            speeds[t] = Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz)) / Dt;
            previous = now;
        }

        return speeds;
    }

    /// <summary>
    /// Movement onset per trial: the first step at or after the go cue whose hand speed reaches
    /// <paramref name="fraction"/> × the trial's peak speed after the go cue; -1 for a trial without go cue or without
    /// movement (peak speed 0).
    /// </summary>
    public int[] MovementOnsetSteps(double fraction)
    {
        if (!(fraction is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The onset fraction must be in (0, 1).");
        }

        var onsets = new int[Trials.Count];
        for (var b = 0; b < Trials.Count; b++)
        {
            onsets[b] = -1;
            var cue = Trials[b].GoCueStep;
            if (cue < 0 || cue >= States.Steps)
            {
                continue;
            }

            var speed = HandSpeed(b);
            var peak = speed.Skip(cue).Max();
            if (!(peak > 0))
            {
                continue;
            }

            for (var t = cue; t < speed.Length; t++)
            {
                if (speed[t] >= fraction * peak)
                {
                    onsets[b] = t;
                    break;
                }
            }
        }

        return onsets;
    }

    /// <summary>
    /// Aligns every trial to the event and averages per condition over the window [event − StepsBefore,
    /// event + StepsAfter). Trials whose window does not fit in the trial, or that have no such event, are left out.
    /// </summary>
    /// <param name="options">Alignment, window and onset fraction (its trial counts and seed are not used).</param>
    /// <exception cref="InvalidOperationException">A condition has no trial left; the message says why.</exception>
    public PopulationRecording Average(RecordingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Clone().EnsureValid();
        var events = o.Alignment switch
        {
            AlignmentEvent.TrialStart => new int[Trials.Count],
            AlignmentEvent.GoCue => [.. Trials.Select(t => t.GoCueStep)],
            _ => MovementOnsetSteps(o.OnsetSpeedFraction),
        };
        var window = o.StepsBefore + o.StepsAfter;
        var counts = new int[ConditionCount];
        var hidden = new TrajectoryArray(ConditionCount, window, Hidden.Channels);
        var inputs = new TrajectoryArray(ConditionCount, window, TaskInputs.Channels);
        var excitations = new TrajectoryArray(ConditionCount, window, Excitations.Channels);
        var states = new TrajectoryArray(ConditionCount, window, States.Channels);
        var targets = new TrajectoryArray(ConditionCount, 1, 3);
        for (var b = 0; b < Trials.Count; b++)
        {
            var first = events[b] - o.StepsBefore;
            if (events[b] < 0 || first < 0 || first + window > Hidden.Steps)
            {
                continue;
            }

            var c = Trials[b].Condition;
            counts[c]++;
            for (var t = 0; t < window; t++)
            {
                Accumulate(Hidden.At(b, first + t), hidden.At(c, t));
                Accumulate(TaskInputs.At(b, first + t), inputs.At(c, t));
                Accumulate(Excitations.At(b, first + t), excitations.At(c, t));
                Accumulate(States.At(b, first + t), states.At(c, t));
            }

            var offset = Trials[b].Target - Trials[b].Start;
            var target = targets.At(c, 0);
            target[0] += offset.X;
            target[1] += offset.Y;
            target[2] += offset.Z;
        }

        for (var c = 0; c < ConditionCount; c++)
        {
            if (counts[c] == 0)
            {
                throw new InvalidOperationException(
                    $"Condition {c} has no trial whose window of {o.StepsBefore} steps before and {o.StepsAfter} from its {o.Alignment} fits in the {Hidden.Steps}-step trials; shorten the window, lengthen the trials, or check that the arm moves.");
            }

            foreach (var array in new[] { hidden, inputs, excitations, states })
            {
                for (var t = 0; t < window; t++)
                {
                    var row = array.At(c, t);
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] /= counts[c];
                    }
                }
            }

            var target = targets.At(c, 0);
            for (var i = 0; i < 3; i++)
            {
                target[i] /= counts[c];
            }
        }

        return new PopulationRecording(Layout, ExcitationNames, TaskInputNames, Dt, o.Alignment, o.StepsBefore, o.OnsetSpeedFraction, counts, targets, hidden, inputs, excitations, states, Provenance);
    }

    private static void Accumulate(ReadOnlySpan<double> source, Span<double> sum)
    {
        for (var i = 0; i < source.Length; i++)
        {
            sum[i] += source[i];
        }
    }
}
