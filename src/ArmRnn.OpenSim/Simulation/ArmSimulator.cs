using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.OpenSim.Engine.Integration;
using ArmRnn.OpenSim.Model;
using ArmRnn.Options;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>
/// Simulates one arm of a model under time-varying excitations (e.g. a controls file, linearly interpolated) and
/// samples it on a uniform grid, as OpenSim's forward tool does: the engine behind <c>armrnn simulate</c>.
/// </summary>
public sealed class ArmSimulator
{
    private readonly CompiledArmModel _model;
    private readonly OpenSimPlantOptions _options;

    /// <summary>Creates a simulator.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Engine settings (accuracy, integrator); the control step is not used.</param>
    /// <param name="outputMarkers">Markers reported (null: all).</param>
    public ArmSimulator(ModelDescription model, OpenSimPlantOptions? options = null, IReadOnlyList<string>? outputMarkers = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _options = (options ?? new OpenSimPlantOptions()).Clone().EnsureValid();
        _model = new CompiledArmModel(model, outputMarkers, _options);
    }

    /// <summary>The full output layout.</summary>
    public StateLayout Layout => _model.Layout;

    /// <summary>OpenSim's own state variables.</summary>
    public StateLayout OpenSimStatesLayout => _model.StatesLayout;

    /// <summary>Muscle names, the excitation order.</summary>
    public IReadOnlyList<string> MuscleNames => _model.MuscleNames;

    /// <summary>Coordinate names in state order.</summary>
    public IReadOnlyList<CoordinateName> Coordinates => _model.Coordinates;

    /// <summary>Derivative evaluations of the last run.</summary>
    public long LastRunEvaluations { get; private set; }

    /// <summary>Runs from the given coordinates, speeds and activations (fibers equilibrated).</summary>
    /// <param name="excitations">Excitations over time.</param>
    /// <param name="coordinates">Initial coordinate values (rad), in <see cref="Coordinates"/> order.</param>
    /// <param name="speeds">Initial speeds (rad/s).</param>
    /// <param name="activations">Initial activations (clamped to each muscle's minimum, as OpenSim does).</param>
    /// <param name="duration">Simulated time (s).</param>
    /// <param name="outputInterval">Sampling interval of the result (s).</param>
    /// <param name="cancellationToken">Checked between samples.</param>
    /// <exception cref="PlantSimulationException">The simulation failed; the message says when and where.</exception>
    public SimulationResult Run(
        IExcitationSchedule excitations,
        IReadOnlyList<double> coordinates,
        IReadOnlyList<double> speeds,
        IReadOnlyList<double> activations,
        double duration,
        double outputInterval,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(excitations);
        ArgumentNullException.ThrowIfNull(coordinates);
        ArgumentNullException.ThrowIfNull(speeds);
        ArgumentNullException.ThrowIfNull(activations);
        var n = _model.CoordinateCount;
        var m = _model.MuscleNames.Length;
        if (coordinates.Count != n || speeds.Count != n || activations.Count != m)
        {
            throw new ArgumentException($"Need {n} coordinates, {n} speeds and {m} activations; got {coordinates.Count}, {speeds.Count} and {activations.Count}.");
        }

        if (!(duration > 0) || !(outputInterval > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), string.Create(CultureInfo.InvariantCulture, $"Duration ({duration} s) and output interval ({outputInterval} s) must be positive."));
        }

        var samples = (int)Math.Round(duration / outputInterval) + 1;
        var dynamics = new ArmDynamics(_model) { Excitations = excitations };
        IIntegrator integrator = _options.Integrator == IntegratorKind.FixedStepRungeKutta
            ? new FixedStepRungeKuttaIntegrator(_options.FixedStepSize)
            : new RungeKuttaMersonIntegrator(_options.Accuracy, _options.MinimumStepSize, outputInterval);
        var y = new double[_model.StateLength];
        for (var j = 0; j < n; j++)
        {
            y[j] = coordinates[j];
            y[n + j] = speeds[j];
        }

        for (var k = 0; k < m; k++)
        {
            y[(2 * n) + k] = activations[k];
        }

        dynamics.Equilibrate(y);
        var states = new TrajectoryArray(1, samples, Layout.Count);
        var times = new double[samples];
        dynamics.ComputeOutputs(y, states.At(0, 0));
        var hint = 0.0;
        for (var i = 1; i < samples; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t0 = (i - 1) * outputInterval;
            var t1 = i * outputInterval;
            try
            {
                integrator.Integrate(dynamics, t0, t1, y, ref hint);
            }
            catch (IntegrationFailedException failure)
            {
                throw new PlantSimulationException(0, t0, failure.Message, failure);
            }

            times[i] = t1;
            dynamics.ComputeOutputs(y, states.At(0, i));
        }

        LastRunEvaluations = integrator.Evaluations;
        return new SimulationResult(Layout, times, states);
    }
}
