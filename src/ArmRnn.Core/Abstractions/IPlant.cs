using ArmRnn.Layouts;
using ArmRnn.Randomness;

namespace ArmRnn.Abstractions;

/// <summary>
/// A batch of simulated arms (or any controlled dynamical system) advanced one control step at a time:
/// excitations in, state vectors out. Implementations: the managed OpenSim engine (the default), native engines,
/// test plants, and trained surrogates such as ArmNet.
/// </summary>
/// <remarks>
/// <para>State and excitation buffers are flat, row-major <c>[batch, channel]</c> spans: arm <c>b</c>'s state is
/// <c>states[b * Layout.Count .. (b + 1) * Layout.Count]</c>. Excitations are held constant during a step.</para>
/// <para>A plant is stateful and not thread-safe; use one instance per thread. <see cref="Step"/> must not
/// allocate. For a given reset and excitation sequence a plant is deterministic.</para>
/// </remarks>
public interface IPlant
{
    /// <summary>The channels of the state vector this plant reports.</summary>
    StateLayout Layout { get; }

    /// <summary>The names of the excitations (muscles) in input order.</summary>
    IReadOnlyList<string> ExcitationNames { get; }

    /// <summary>The control step (s): how far one <see cref="Step"/> advances time.</summary>
    double Dt { get; }

    /// <summary>The number of arms set by the last <see cref="Reset"/> (0 before the first).</summary>
    int BatchSize { get; }

    /// <summary>Simulated time (s) since the last <see cref="Reset"/>.</summary>
    double Time { get; }

    /// <summary>
    /// Draws starting states for <c>states.Length / Layout.Count</c> arms (e.g. random postures at rest) into
    /// <paramref name="states"/>. Only the channels the plant treats as independent need meaningful values; pass
    /// the result to <see cref="Reset"/>, which makes the rest consistent.
    /// </summary>
    /// <param name="random">The source of randomness; the same seed gives the same states.</param>
    /// <param name="states">Destination, <c>[batch, channel]</c>.</param>
    void SampleInitialStates(DeterministicRandom random, Span<double> states);

    /// <summary>
    /// Starts a new batch of trajectories at time 0. The batch size is <c>requestedStates.Length / Layout.Count</c>.
    /// The plant reads the independent channels it needs from <paramref name="requestedStates"/> (an OpenSim arm
    /// reads joint angles, speeds and activations and equilibrates its fibers) and writes the complete, consistent
    /// state it starts from into <paramref name="initialStates"/>.
    /// </summary>
    /// <param name="requestedStates">Requested starting states, <c>[batch, channel]</c>.</param>
    /// <param name="initialStates">Destination of the actual starting states, same length.</param>
    /// <exception cref="ArgumentException">The lengths are not a whole number of state vectors, or differ.</exception>
    void Reset(ReadOnlySpan<double> requestedStates, Span<double> initialStates);

    /// <summary>Advances every arm by <see cref="Dt"/> with the given excitations held constant.</summary>
    /// <param name="excitations">Excitations, <c>[batch, muscle]</c>, each in [0, 1].</param>
    /// <param name="states">Destination of the states at the end of the step, <c>[batch, channel]</c>.</param>
    /// <exception cref="Excitation.ExcitationOutOfRangeException">An excitation is outside [0, 1] or not finite (unless
    /// the plant was configured to clamp).</exception>
    void Step(ReadOnlySpan<double> excitations, Span<double> states);
}
