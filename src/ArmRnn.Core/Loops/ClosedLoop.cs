using ArmRnn.Abstractions;
using ArmRnn.Data;

namespace ArmRnn.Loops;

/// <summary>
/// Runs a controller against a plant step by step: at each step the controller sees the task input and the
/// plant's state at the start of the step, and the plant applies the excitations it returns for one control step.
/// </summary>
/// <remarks>Allocates the output arrays and a few per-run buffers; nothing per step.</remarks>
public sealed class ClosedLoop
{
    /// <summary>Pairs a plant with a controller.</summary>
    /// <exception cref="ArgumentException">Their excitation names differ.</exception>
    public ClosedLoop(IPlant plant, IController controller)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(controller);
        if (!plant.ExcitationNames.SequenceEqual(controller.ExcitationNames, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The controller produces excitations [{string.Join(", ", controller.ExcitationNames)}] but the plant takes [{string.Join(", ", plant.ExcitationNames)}].",
                nameof(controller));
        }

        Plant = plant;
        Controller = controller;
    }

    /// <summary>The plant.</summary>
    public IPlant Plant { get; }

    /// <summary>The controller.</summary>
    public IController Controller { get; }

    /// <summary>Runs one batch of trials for as many steps as <paramref name="taskInputs"/> has.</summary>
    /// <param name="requestedInitialStates">Requested starting states, <c>[batch, 1, state]</c>; the plant makes
    /// them consistent (see <see cref="IPlant.Reset"/>).</param>
    /// <param name="taskInputs">Task inputs per step; its batch size must match.</param>
    /// <param name="generation">Generation number recorded in the result.</param>
    /// <param name="cancellationToken">Checked every step.</param>
    /// <returns>The trajectories, with provenance naming the plant, controller and loop.</returns>
    public TrajectoryBatch Run(
        TrajectoryArray requestedInitialStates,
        TaskInputSequence taskInputs,
        int generation = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestedInitialStates);
        ArgumentNullException.ThrowIfNull(taskInputs);
        var layout = Plant.Layout;
        var batch = requestedInitialStates.BatchSize;
        if (requestedInitialStates.Steps != 1 || requestedInitialStates.Channels != layout.Count)
        {
            throw new ArgumentException(
                $"Initial states must be [batch, 1, {layout.Count}] for layout '{layout.Name}'; got [{batch}, {requestedInitialStates.Steps}, {requestedInitialStates.Channels}].",
                nameof(requestedInitialStates));
        }

        if (taskInputs.BatchSize != batch)
        {
            throw new ArgumentException(
                $"The task inputs have {taskInputs.BatchSize} trials but {batch} initial states were given.", nameof(taskInputs));
        }

        var steps = taskInputs.Steps;
        var muscles = Plant.ExcitationNames.Count;
        var initial = new TrajectoryArray(batch, 1, layout.Count);
        var states = new TrajectoryArray(batch, steps, layout.Count);
        var excitations = new TrajectoryArray(batch, steps, muscles);
        var state = new double[batch * layout.Count];
        var excitation = new double[batch * muscles];
        var input = new double[batch * taskInputs.Values.Channels];

        Plant.Reset(requestedInitialStates.AsSpan(), state);
        initial.SetStep(0, state);
        Controller.Reset(new ControllerContext(layout, taskInputs.Names, batch, Plant.Dt));
        for (var t = 0; t < steps; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            taskInputs.Values.CopyStepTo(t, input);
            Controller.Act(input, state, excitation);
            excitations.SetStep(t, excitation);
            Plant.Step(excitation, state);
            states.SetStep(t, state);
        }

        var provenance = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["loop"] = "closed",
            ["plant"] = Plant.GetType().FullName ?? Plant.GetType().Name,
            ["controller"] = Controller.GetType().FullName ?? Controller.GetType().Name,
        };
        return new TrajectoryBatch(
            layout,
            Plant.ExcitationNames,
            Plant.Dt,
            initial,
            excitations,
            states,
            new TaskInputSequence(taskInputs.Names, taskInputs.Values.Clone()),
            generation,
            provenance);
    }
}
