using ArmRnn.Abstractions;
using ArmRnn.Controllers;
using ArmRnn.Data;

namespace ArmRnn.Loops;

/// <summary>Drives a plant with given excitations (open-loop data generation and replays).</summary>
public static class ExcitationReplay
{
    /// <summary>Runs <paramref name="plant"/> from <paramref name="requestedInitialStates"/> with
    /// <paramref name="excitations"/> held over each step.</summary>
    /// <param name="plant">The plant.</param>
    /// <param name="requestedInitialStates">Requested starting states, <c>[batch, 1, state]</c>.</param>
    /// <param name="excitations">Excitations, <c>[batch, time, muscle]</c>, in the plant's muscle order.</param>
    /// <param name="taskInputs">Task inputs to record alongside (not used by the plant); none when null.</param>
    /// <param name="generation">Generation number recorded in the result.</param>
    /// <param name="cancellationToken">Checked every step.</param>
    public static TrajectoryBatch Run(
        IPlant plant,
        TrajectoryArray requestedInitialStates,
        TrajectoryArray excitations,
        TaskInputSequence? taskInputs = null,
        int generation = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(excitations);
        var loop = new ClosedLoop(plant, new ReplayController(excitations, plant.ExcitationNames));
        var result = loop.Run(
            requestedInitialStates,
            taskInputs ?? TaskInputSequence.None(excitations.BatchSize, excitations.Steps),
            generation,
            cancellationToken);
        return result.WithProvenance([new("loop", "replay")]);
    }
}
