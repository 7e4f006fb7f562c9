namespace ArmRnn.OpenSim.Engine.Integration;

/// <summary>Advances an <see cref="IOdeSystem"/> over an interval.</summary>
/// <remarks>Implementations keep scratch buffers, so one instance serves one thread.</remarks>
public interface IIntegrator
{
    /// <summary>Integrates <paramref name="state"/> in place from <paramref name="startTime"/> to
    /// <paramref name="endTime"/>.</summary>
    /// <exception cref="IntegrationFailedException">The step size fell below the minimum or the state became
    /// non-finite; the message says when and which component.</exception>
    void Integrate(IOdeSystem system, double startTime, double endTime, Span<double> state);

    /// <summary>Derivative evaluations since creation (for benchmarks and diagnostics).</summary>
    long Evaluations { get; }
}
