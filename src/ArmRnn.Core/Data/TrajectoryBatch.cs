using ArmRnn.Layouts;

namespace ArmRnn.Data;

/// <summary>
/// A batch of plant trajectories: the excitations applied, the states that followed, the task inputs seen, and
/// their layout and control step. This is what loops produce, what datasets store and what networks train on.
/// </summary>
/// <remarks>
/// <para>Time convention: step <c>t</c> (0-based) runs from <c>t·dt</c> to <c>(t+1)·dt</c>.
/// <see cref="Excitations"/><c>[b, t]</c> and <see cref="TaskInputs"/><c>[b, t]</c> are held during step t;
/// <see cref="States"/><c>[b, t]</c> is the state at its end, time <c>(t+1)·dt</c>; <see cref="InitialStates"/>
/// holds the state at time 0. All three time series thus share one length, <see cref="Steps"/>.</para>
/// </remarks>
public sealed class TrajectoryBatch
{
    private readonly Dictionary<string, string> _provenance;

    /// <summary>Creates a batch and checks that every shape and name list agrees.</summary>
    /// <param name="layout">The state layout.</param>
    /// <param name="excitationNames">Muscle (excitation) names, in channel order.</param>
    /// <param name="dt">Control step (s), &gt; 0.</param>
    /// <param name="initialStates">States at time 0, <c>[batch, 1, state]</c>.</param>
    /// <param name="excitations">Excitations, <c>[batch, time, muscle]</c>.</param>
    /// <param name="states">States at the end of each step, <c>[batch, time, state]</c>.</param>
    /// <param name="taskInputs">Task inputs, <c>[batch, time, input]</c> (may have zero inputs).</param>
    /// <param name="generation">Pipeline generation that produced the data (0 for scripted excitations).</param>
    /// <param name="provenance">Free-form key/value facts about where the data came from (plant, seed, ...).</param>
    /// <exception cref="ArgumentException">Shapes or names disagree; the message says which and how.</exception>
    public TrajectoryBatch(
        StateLayout layout,
        IReadOnlyList<string> excitationNames,
        double dt,
        TrajectoryArray initialStates,
        TrajectoryArray excitations,
        TrajectoryArray states,
        TaskInputSequence taskInputs,
        int generation = 0,
        IReadOnlyDictionary<string, string>? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(excitationNames);
        ArgumentNullException.ThrowIfNull(initialStates);
        ArgumentNullException.ThrowIfNull(excitations);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(taskInputs);
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The control step must be a positive, finite number of seconds.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        var batch = states.BatchSize;
        var steps = states.Steps;
        RequireShape(initialStates, batch, 1, layout.Count, "initial states");
        RequireShape(states, batch, steps, layout.Count, "states");
        RequireShape(excitations, batch, steps, excitationNames.Count, "excitations");
        RequireShape(taskInputs.Values, batch, steps, taskInputs.Names.Count, "task inputs");

        Layout = layout;
        ExcitationNames = [.. excitationNames];
        Dt = dt;
        InitialStates = initialStates;
        Excitations = excitations;
        States = states;
        TaskInputs = taskInputs;
        Generation = generation;
        _provenance = provenance is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(provenance, StringComparer.Ordinal);
    }

    /// <summary>The state layout of <see cref="InitialStates"/> and <see cref="States"/>.</summary>
    public StateLayout Layout { get; }

    /// <summary>Excitation (muscle) names, in channel order.</summary>
    public IReadOnlyList<string> ExcitationNames { get; }

    /// <summary>Control step (s).</summary>
    public double Dt { get; }

    /// <summary>States at time 0, <c>[batch, 1, state]</c>.</summary>
    public TrajectoryArray InitialStates { get; }

    /// <summary>Excitations held during each step, <c>[batch, time, muscle]</c>.</summary>
    public TrajectoryArray Excitations { get; }

    /// <summary>States at the end of each step, <c>[batch, time, state]</c>.</summary>
    public TrajectoryArray States { get; }

    /// <summary>Task inputs seen during each step.</summary>
    public TaskInputSequence TaskInputs { get; }

    /// <summary>Pipeline generation that produced the data.</summary>
    public int Generation { get; }

    /// <summary>Where the data came from (plant, seed, generator, ...).</summary>
    public IReadOnlyDictionary<string, string> Provenance => _provenance;

    /// <summary>Number of trajectories.</summary>
    public int BatchSize => States.BatchSize;

    /// <summary>Number of control steps per trajectory.</summary>
    public int Steps => States.Steps;

    /// <summary>Duration of each trajectory (s).</summary>
    public double Duration => Steps * Dt;

    /// <summary>The time (s) of <see cref="States"/> at step <paramref name="step"/>, i.e. the end of that step.</summary>
    public double StateTime(int step) => (step + 1) * Dt;

    /// <summary>The state of trajectory <paramref name="batch"/> at time <c>k·dt</c>, for k = 0 (the initial state)
    /// to <see cref="Steps"/>.</summary>
    public ReadOnlySpan<double> StateAtSample(int batch, int sample) =>
        sample == 0 ? InitialStates.At(batch, 0) : States.At(batch, sample - 1);

    /// <summary>A copy with only the trajectories at <paramref name="batchIndices"/>, in that order.</summary>
    public TrajectoryBatch SelectBatch(IReadOnlyList<int> batchIndices)
    {
        ArgumentNullException.ThrowIfNull(batchIndices);
        return new TrajectoryBatch(
            Layout,
            ExcitationNames,
            Dt,
            InitialStates.SelectBatch(batchIndices),
            Excitations.SelectBatch(batchIndices),
            States.SelectBatch(batchIndices),
            new TaskInputSequence(TaskInputs.Names, TaskInputs.Values.SelectBatch(batchIndices)),
            Generation,
            _provenance);
    }

    /// <summary>A copy with other provenance entries added (or replaced).</summary>
    public TrajectoryBatch WithProvenance(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var merged = new Dictionary<string, string>(_provenance, StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            merged[key] = value;
        }

        return new TrajectoryBatch(Layout, ExcitationNames, Dt, InitialStates, Excitations, States, TaskInputs, Generation, merged);
    }

    /// <summary>
    /// Concatenates batches along the batch axis. All must share layout, excitation names, task input names and
    /// <c>dt</c> and step count; the result takes the first batch's generation and provenance.
    /// </summary>
    /// <exception cref="ArgumentException">The batches disagree; the message names the first difference.</exception>
    public static TrajectoryBatch Concatenate(IReadOnlyList<TrajectoryBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
        {
            throw new ArgumentException("Nothing to concatenate.", nameof(batches));
        }

        var first = batches[0];
        for (var i = 1; i < batches.Count; i++)
        {
            var other = batches[i];
            var difference = other.Layout.DescribeChannelDifference(first.Layout);
            if (difference is not null)
            {
                throw new ArgumentException($"Batch {i}: {difference}", nameof(batches));
            }

            if (!other.ExcitationNames.SequenceEqual(first.ExcitationNames, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Batch {i} has excitations [{string.Join(", ", other.ExcitationNames)}] but batch 0 has [{string.Join(", ", first.ExcitationNames)}].",
                    nameof(batches));
            }

            if (!other.TaskInputs.Names.SequenceEqual(first.TaskInputs.Names, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Batch {i} has task inputs [{string.Join(", ", other.TaskInputs.Names)}] but batch 0 has [{string.Join(", ", first.TaskInputs.Names)}].",
                    nameof(batches));
            }

            if (other.Dt != first.Dt || other.Steps != first.Steps)
            {
                throw new ArgumentException(
                    $"Batch {i} has {other.Steps} steps of {other.Dt} s but batch 0 has {first.Steps} steps of {first.Dt} s.",
                    nameof(batches));
            }
        }

        return new TrajectoryBatch(
            first.Layout,
            first.ExcitationNames,
            first.Dt,
            TrajectoryArray.ConcatenateBatches([.. batches.Select(b => b.InitialStates)]),
            TrajectoryArray.ConcatenateBatches([.. batches.Select(b => b.Excitations)]),
            TrajectoryArray.ConcatenateBatches([.. batches.Select(b => b.States)]),
            new TaskInputSequence(first.TaskInputs.Names, TrajectoryArray.ConcatenateBatches([.. batches.Select(b => b.TaskInputs.Values)])),
            first.Generation,
            first._provenance);
    }

    private static void RequireShape(TrajectoryArray array, int batch, int steps, int channels, string what)
    {
        if (array.BatchSize != batch || array.Steps != steps || array.Channels != channels)
        {
            throw new ArgumentException(
                $"The {what} have shape [{array.BatchSize}, {array.Steps}, {array.Channels}] but [{batch}, {steps}, {channels}] is required.");
        }
    }
}
