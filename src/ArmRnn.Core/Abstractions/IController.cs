namespace ArmRnn.Abstractions;

/// <summary>
/// Maps (task input, previous state) to excitations, for a batch of trials at once, keeping its own state across
/// a trial. Implementations: ControllerNet, scripted excitation generators, replay of recorded excitations.
/// </summary>
/// <remarks>Buffers are flat row-major <c>[batch, channel]</c> spans, as for <see cref="IPlant"/>. Not thread-safe.</remarks>
public interface IController
{
    /// <summary>The names of the excitations it produces, in order. A loop checks that they match its plant's.</summary>
    IReadOnlyList<string> ExcitationNames { get; }

    /// <summary>Starts a new batch of trials. The controller checks that it can work with the layout and inputs
    /// and throws an exception that names what is missing otherwise.</summary>
    void Reset(ControllerContext context);

    /// <summary>Produces the excitations for the next step.</summary>
    /// <param name="taskInputs">This step's task inputs, <c>[batch, input]</c>.</param>
    /// <param name="previousStates">The states at the start of this step, <c>[batch, channel]</c>.</param>
    /// <param name="excitations">Destination, <c>[batch, muscle]</c>.</param>
    void Act(ReadOnlySpan<double> taskInputs, ReadOnlySpan<double> previousStates, Span<double> excitations);
}
