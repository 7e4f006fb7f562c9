using ArmRnn.Abstractions;
using ArmRnn.Data;

namespace ArmRnn.Controllers;

/// <summary>Replays recorded (or generated) excitations, step by step, ignoring task inputs and states.</summary>
public sealed class ReplayController : IController
{
    private readonly TrajectoryArray _excitations;
    private int _step;

    /// <summary>Creates a controller that replays <paramref name="excitations"/> (<c>[batch, time, muscle]</c>).</summary>
    /// <param name="excitations">The excitations to replay (not copied).</param>
    /// <param name="excitationNames">Their names; the count must equal the array's channel count.</param>
    public ReplayController(TrajectoryArray excitations, IReadOnlyList<string> excitationNames)
    {
        ArgumentNullException.ThrowIfNull(excitations);
        ArgumentNullException.ThrowIfNull(excitationNames);
        if (excitationNames.Count != excitations.Channels)
        {
            throw new ArgumentException(
                $"{excitationNames.Count} excitation names for {excitations.Channels} excitation channels.", nameof(excitationNames));
        }

        _excitations = excitations;
        ExcitationNames = [.. excitationNames];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ExcitationNames { get; }

    /// <inheritdoc />
    public void Reset(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.BatchSize != _excitations.BatchSize)
        {
            throw new ArgumentException(
                $"The recording has {_excitations.BatchSize} trajectories but the loop runs {context.BatchSize}.", nameof(context));
        }

        _step = 0;
    }

    /// <inheritdoc />
    public void Act(ReadOnlySpan<double> taskInputs, ReadOnlySpan<double> previousStates, Span<double> excitations)
    {
        if (_step >= _excitations.Steps)
        {
            throw new InvalidOperationException(
                $"The recording has {_excitations.Steps} steps; step {_step} was asked for.");
        }

        _excitations.CopyStepTo(_step, excitations);
        _step++;
    }
}
