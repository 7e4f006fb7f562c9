using System.Globalization;

namespace ArmRnn.OpenSim.Engine.Integration;

/// <summary>The classical fourth-order Runge-Kutta method with a fixed step (the fast, non-error-controlled option).
/// Each interval is split into the fewest equal steps no longer than <see cref="MaximumStep"/>.</summary>
public sealed class FixedStepRungeKuttaIntegrator : IIntegrator
{
    private double[] _k1 = [], _k2 = [], _k3 = [], _k4 = [], _stage = [];

    /// <summary>Creates the integrator.</summary>
    /// <param name="maximumStep">Largest step (s).</param>
    public FixedStepRungeKuttaIntegrator(double maximumStep = 0.001)
    {
        if (!(maximumStep > 0) || !double.IsFinite(maximumStep))
        {
            throw new ArgumentOutOfRangeException(nameof(maximumStep), maximumStep, "The step must be positive and finite.");
        }

        MaximumStep = maximumStep;
    }

    /// <summary>Largest step (s).</summary>
    public double MaximumStep { get; }

    /// <inheritdoc />
    public long Evaluations { get; private set; }

    /// <inheritdoc />
    public void Integrate(IOdeSystem system, double startTime, double endTime, Span<double> state, ref double stepSizeHint)
    {
        ArgumentNullException.ThrowIfNull(system);
        var n = system.Dimension;
        if (_k1.Length != n)
        {
            _k1 = new double[n];
            _k2 = new double[n];
            _k3 = new double[n];
            _k4 = new double[n];
            _stage = new double[n];
        }

        var steps = Math.Max(1, (int)Math.Ceiling(((endTime - startTime) / MaximumStep) - 1e-9));
        var h = (endTime - startTime) / steps;
        stepSizeHint = h;
        for (var s = 0; s < steps; s++)
        {
            var t = startTime + (s * h);
            system.Evaluate(t, state, _k1);
            for (var i = 0; i < n; i++)
            {
                _stage[i] = state[i] + (0.5 * h * _k1[i]);
            }

            system.Evaluate(t + (0.5 * h), _stage, _k2);
            for (var i = 0; i < n; i++)
            {
                _stage[i] = state[i] + (0.5 * h * _k2[i]);
            }

            system.Evaluate(t + (0.5 * h), _stage, _k3);
            for (var i = 0; i < n; i++)
            {
                _stage[i] = state[i] + (h * _k3[i]);
            }

            system.Evaluate(t + h, _stage, _k4);
            Evaluations += 4;
            for (var i = 0; i < n; i++)
            {
                state[i] += h * (_k1[i] + (2 * _k2[i]) + (2 * _k3[i]) + _k4[i]) / 6;
                if (!double.IsFinite(state[i]))
                {
                    throw new IntegrationFailedException(string.Create(CultureInfo.InvariantCulture,
                        $"Fixed-step Runge-Kutta produced a non-finite state component {i} at t = {t + h:0.######} s; use a smaller step or the error-controlled integrator."));
                }
            }
        }
    }
}
