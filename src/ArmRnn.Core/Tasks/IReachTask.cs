using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Randomness;

namespace ArmRnn.Tasks;

/// <summary>A reaching task: makes batches of trials (task inputs and reference hand paths) from starting states.</summary>
public interface IReachTask
{
    /// <summary>A short description for provenance.</summary>
    string Description { get; }

    /// <summary>The names of the task inputs, in channel order (<see cref="ReachTaskInputs.Names"/>).</summary>
    IReadOnlyList<string> InputNames { get; }

    /// <summary>The state channels that hold the hand position.</summary>
    HandChannels Hand { get; }

    /// <summary>
    /// Creates a batch of trials. The start hand position of trial b is read from <paramref name="startStates"/>
    /// through <see cref="Hand"/> (z = 0 when the hand has no z channel). Trial b draws from
    /// <c>random.Fork(b)</c>, so it does not depend on the batch size.
    /// </summary>
    /// <param name="batchSize">Number of trials.</param>
    /// <param name="steps">Steps per trial.</param>
    /// <param name="dt">Control step (s).</param>
    /// <param name="startStates">The states at time 0, <c>[batch, 1, channel]</c>.</param>
    /// <param name="layout">The layout of <paramref name="startStates"/>.</param>
    /// <param name="random">Source of randomness.</param>
    /// <exception cref="ArgumentException">Shapes disagree, or the steps are too few for the go cue and the movement.</exception>
    ReachTaskBatch CreateBatch(int batchSize, int steps, double dt, TrajectoryArray startStates, StateLayout layout, DeterministicRandom random);
}
