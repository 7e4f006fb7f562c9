using System.Globalization;

namespace ArmRnn.OpenSim.Engine.Integration;

/// <summary>
/// The error-controlled Runge-Kutta-Merson method that OpenSim uses by default: five stages, a fourth-order
/// solution and the Merson local error estimate h/30 · (2k1 − 9k3 + 8k4 − k5). A step is accepted when every
/// component's error is within accuracy · (scale_i + |y_i|); the next step size follows the fourth-order rule with a
/// safety factor. The caller carries the suggested step size from one call to the next.
/// </summary>
public sealed class RungeKuttaMersonIntegrator : IIntegrator
{
    private readonly double _accuracy;
    private readonly double _minimumStep;
    private readonly double _maximumStep;
    private double[] _k1 = [], _k2 = [], _k3 = [], _k4 = [], _k5 = [], _stage = [], _next = [];

    /// <summary>Creates the integrator.</summary>
    /// <param name="accuracy">Relative accuracy (OpenSim's default for forward simulation is 1e-5).</param>
    /// <param name="minimumStep">Smallest step (s) before giving up.</param>
    /// <param name="maximumStep">Largest step (s).</param>
    public RungeKuttaMersonIntegrator(double accuracy = 1e-5, double minimumStep = 1e-10, double maximumStep = 0.01)
    {
        if (!(accuracy > 0) || !(minimumStep > 0) || !(maximumStep >= minimumStep))
        {
            throw new ArgumentOutOfRangeException(nameof(accuracy),
                string.Create(CultureInfo.InvariantCulture, $"Need accuracy > 0 and 0 < minimum step <= maximum step; got {accuracy}, {minimumStep}, {maximumStep}."));
        }

        _accuracy = accuracy;
        _minimumStep = minimumStep;
        _maximumStep = maximumStep;
    }

    /// <inheritdoc />
    public long Evaluations { get; private set; }

    /// <summary>Accepted steps since creation.</summary>
    public long AcceptedSteps { get; private set; }

    /// <summary>Rejected steps since creation.</summary>
    public long RejectedSteps { get; private set; }

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
            _k5 = new double[n];
            _stage = new double[n];
            _next = new double[n];
        }

        var t = startTime;
        var h = stepSizeHint > 0 ? Math.Min(stepSizeHint, _maximumStep) : Math.Min(_maximumStep, Math.Max(_minimumStep, (endTime - startTime) / 10));
        system.Evaluate(t, state, _k1);
        Evaluations++;
        while (t < endTime)
        {
            var remaining = endTime - t;
            var lastStep = h >= remaining * (1 - 1e-12);
            if (lastStep)
            {
                h = remaining;
            }

            var error = TryStep(system, t, h, state);
            if (error <= 1.0)
            {
                t = lastStep ? endTime : t + h;
                _next.AsSpan().CopyTo(state);
                AcceptedSteps++;
                var grow = error == 0 ? 4.0 : Math.Min(4.0, 0.9 * Math.Pow(error, -0.25));
                var proposed = Math.Min(_maximumStep, h * Math.Max(1.0, grow));
                if (lastStep)
                {
                    // A last step shortened to hit the end says nothing about the step the dynamics allow, so it only
                    // raises the hint. And the interval is done: the next call starts with its own k1 (its excitations
                    // may differ from this interval's), so f at this point would be evaluated for nothing.
                    stepSizeHint = Math.Max(stepSizeHint, proposed);
                    break;
                }

                // k1 of the next step: f at the accepted point.
                system.Evaluate(t, state, _k1);
                Evaluations++;
                stepSizeHint = proposed;
                h = proposed;
            }
            else
            {
                RejectedSteps++;
                if (double.IsNaN(error))
                {
                    h *= 0.1;
                }
                else
                {
                    h *= Math.Max(0.1, 0.9 * Math.Pow(error, -0.25));
                }

                if (h < _minimumStep)
                {
                    throw new IntegrationFailedException(string.Create(CultureInfo.InvariantCulture,
                        $"Runge-Kutta-Merson could not meet accuracy {_accuracy} at t = {t:0.######} s with a step above {_minimumStep} s (largest error in state component {WorstComponent(system, state)})."));
                }
            }
        }
    }

    private double TryStep(IOdeSystem system, double t, double h, ReadOnlySpan<double> y)
    {
        var n = y.Length;
        var stage = _stage.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (h * _k1[i] / 3);
        }

        system.Evaluate(t + (h / 3), stage, _k2);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (h * (_k1[i] + _k2[i]) / 6);
        }

        system.Evaluate(t + (h / 3), stage, _k3);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (h * (_k1[i] + (3 * _k3[i])) / 8);
        }

        system.Evaluate(t + (h / 2), stage, _k4);
        for (var i = 0; i < n; i++)
        {
            stage[i] = y[i] + (h * ((_k1[i] / 2) - (1.5 * _k3[i]) + (2 * _k4[i])));
        }

        system.Evaluate(t + h, stage, _k5);
        Evaluations += 4;
        var worst = 0.0;
        for (var i = 0; i < n; i++)
        {
            var next = y[i] + (h * (_k1[i] + (4 * _k4[i]) + _k5[i]) / 6);
            _next[i] = next;
            var error = Math.Abs(h * ((2 * _k1[i]) - (9 * _k3[i]) + (8 * _k4[i]) - _k5[i]) / 30);
            var scaled = error / (_accuracy * (system.ErrorScale(i) + Math.Abs(y[i])));
            if (!double.IsFinite(next) || double.IsNaN(scaled))
            {
                return double.NaN;
            }

            worst = Math.Max(worst, scaled);
        }

        return worst;
    }

    private string WorstComponent(IOdeSystem system, ReadOnlySpan<double> y)
    {
        var worst = 0;
        var worstError = -1.0;
        for (var i = 0; i < y.Length; i++)
        {
            var error = Math.Abs(((2 * _k1[i]) - (9 * _k3[i]) + (8 * _k4[i]) - _k5[i]) / 30) / (system.ErrorScale(i) + Math.Abs(y[i]));
            if (!double.IsFinite(error) || error > worstError)
            {
                worst = i;
                worstError = double.IsFinite(error) ? error : double.PositiveInfinity;
                if (!double.IsFinite(error))
                {
                    break;
                }
            }
        }

        return worst.ToString(CultureInfo.InvariantCulture);
    }
}
