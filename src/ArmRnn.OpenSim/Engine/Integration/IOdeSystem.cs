namespace ArmRnn.OpenSim.Engine.Integration;

/// <summary>A first-order ODE system dy/dt = f(t, y).</summary>
public interface IOdeSystem
{
    /// <summary>Length of the state vector.</summary>
    int Dimension { get; }

    /// <summary>Evaluates f(t, y) into <paramref name="derivative"/>. Must not allocate.</summary>
    void Evaluate(double time, ReadOnlySpan<double> state, Span<double> derivative);

    /// <summary>The error tolerance scale of component <paramref name="index"/>: the integrator keeps the local
    /// error of y_i below accuracy · (scale_i + |y_i|).</summary>
    double ErrorScale(int index);
}
