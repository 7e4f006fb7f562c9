namespace ArmRnn.OpenSim.Engine.Integration;

/// <summary>Advances an <see cref="IOdeSystem"/> over an interval.</summary>
/// <remarks>Implementations keep scratch buffers, so one instance serves one thread.</remarks>
public interface IIntegrator
{
    /// <summary>Integrates <paramref name="state"/> in place from <paramref name="startTime"/> to
    /// <paramref name="endTime"/>.</summary>
    /// <param name="system">The ODE.</param>
    /// <param name="startTime">Start (s).</param>
    /// <param name="endTime">End (s).</param>
    /// <param name="state">The state, advanced in place.</param>
    /// <param name="stepSizeHint">The step size to try first (0 to let the integrator choose); on return, the step
    /// size it suggests for the next interval. Keeping one hint per trajectory makes results independent of which
    /// thread integrates which trajectory.</param>
    /// <exception cref="IntegrationFailedException">The step size fell below the minimum or the state became
    /// non-finite; the message says when and which component.</exception>
    void Integrate(IOdeSystem system, double startTime, double endTime, Span<double> state, ref double stepSizeHint);

    /// <summary>Derivative evaluations since creation (for benchmarks and diagnostics).</summary>
    long Evaluations { get; }
}
