using ArmRnn.Abstractions;
using ArmRnn.Data;

namespace ArmRnn.Loops;

/// <summary>
/// The open loop of the pipeline: a controller drives a surrogate plant (ArmNet) in closed loop, then the
/// excitations it produced are replayed on the reference plant (the real arm) from the same starting states. The
/// difference between the two results is how far the surrogate is from the arm along the controller's own
/// trajectories.
/// </summary>
public sealed class OpenLoop
{
    /// <summary>Creates the loop.</summary>
    /// <param name="surrogate">The plant the controller drives (its state layout must match the reference's).</param>
    /// <param name="reference">The plant the excitations are replayed on.</param>
    /// <param name="controller">The controller.</param>
    /// <exception cref="ArgumentException">The plants' layouts or excitation names differ.</exception>
    public OpenLoop(IPlant surrogate, IPlant reference, IController controller)
    {
        ArgumentNullException.ThrowIfNull(surrogate);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(controller);
        var difference = surrogate.Layout.DescribeChannelDifference(reference.Layout);
        if (difference is not null)
        {
            throw new ArgumentException($"The surrogate's state layout differs from the reference plant's: {difference}", nameof(surrogate));
        }

        if (!surrogate.ExcitationNames.SequenceEqual(reference.ExcitationNames, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The surrogate takes excitations [{string.Join(", ", surrogate.ExcitationNames)}] but the reference plant takes [{string.Join(", ", reference.ExcitationNames)}].",
                nameof(surrogate));
        }

        if (surrogate.Dt != reference.Dt)
        {
            throw new ArgumentException($"The surrogate's control step ({surrogate.Dt} s) differs from the reference plant's ({reference.Dt} s).", nameof(surrogate));
        }

        Surrogate = surrogate;
        Reference = reference;
        _surrogateLoop = new ClosedLoop(surrogate, controller);
    }

    private readonly ClosedLoop _surrogateLoop;

    /// <summary>The plant the controller drives.</summary>
    public IPlant Surrogate { get; }

    /// <summary>The plant the excitations are replayed on.</summary>
    public IPlant Reference { get; }

    /// <summary>Runs both sides.</summary>
    /// <param name="requestedInitialStates">Requested starting states, <c>[batch, 1, state]</c>. The reference plant
    /// makes them consistent first; both sides then start from those consistent states.</param>
    /// <param name="taskInputs">Task inputs per step.</param>
    /// <param name="generation">Generation number recorded in both results.</param>
    /// <param name="cancellationToken">Checked every step.</param>
    public OpenLoopResult Run(
        TrajectoryArray requestedInitialStates,
        TaskInputSequence taskInputs,
        int generation = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestedInitialStates);
        ArgumentNullException.ThrowIfNull(taskInputs);
        var consistent = new TrajectoryArray(requestedInitialStates.BatchSize, 1, requestedInitialStates.Channels);
        Reference.Reset(requestedInitialStates.AsSpan(), consistent.AsSpan());
        var surrogate = _surrogateLoop.Run(consistent, taskInputs, generation, cancellationToken)
            .WithProvenance([new("loop", "open/surrogate")]);
        var reference = ExcitationReplay.Run(Reference, consistent, surrogate.Excitations, taskInputs, generation, cancellationToken)
            .WithProvenance([new("loop", "open/reference")]);
        return new OpenLoopResult(surrogate, reference);
    }
}
