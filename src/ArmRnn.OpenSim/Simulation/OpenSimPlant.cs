using System.Globalization;
using ArmRnn.Abstractions;
using ArmRnn.Excitation;
using ArmRnn.Layouts;
using ArmRnn.OpenSim.Engine.Integration;
using ArmRnn.OpenSim.Model;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>
/// An OpenSim musculoskeletal model simulated by the managed engine, as a batched <see cref="IPlant"/>: rigid
/// bodies on rotational joints, Thelen2003 muscles on wrapping paths, integrated (by default) with
/// Runge-Kutta-Merson at OpenSim's forward-tool accuracy, excitations held over each control step.
/// </summary>
/// <remarks>
/// The state vector is the model's full layout: coordinate values and speeds, marker positions, and per muscle
/// activation, fiber length, fiber velocity, muscle-tendon length, lengthening speed, tendon force and passive fiber
/// force (49 channels for Arm26). <see cref="Reset"/> reads coordinates, speeds and activations and equilibrates the
/// fibers. Arms are stepped in parallel; each arm carries its own integrator step size, so results do not depend on
/// the number of threads. Stepping allocates only the parallel loop's bookkeeping when more than one thread is used.
/// </remarks>
public class OpenSimPlant : IPlant
{
    private readonly CompiledArmModel _model;
    private readonly OpenSimPlantOptions _options;
    private readonly ArmWorker[] _workers;
    private readonly Action<int> _stepChunk;
    private double[] _y = [];
    private double[] _stepHints = [];
    private double[] _excitations = [];
    private double[] _outputs = [];
    private int _chunks;
    private long _stepCount;

    /// <summary>Creates a plant for <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Engine settings (copied); defaults when null.</param>
    /// <param name="outputMarkers">Markers reported in the state (null: all markers of the model).</param>
    /// <exception cref="ArgumentException">Invalid options, or the model has something the engine cannot simulate.</exception>
    public OpenSimPlant(ModelDescription model, OpenSimPlantOptions? options = null, IReadOnlyList<string>? outputMarkers = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _options = (options ?? new OpenSimPlantOptions()).Clone().EnsureValid();
        _model = new CompiledArmModel(model, outputMarkers, _options);
        if (_options.InitialPosture is { } posture && posture.Count != _model.CoordinateCount)
        {
            throw new ArgumentException(
                $"{nameof(OpenSimPlantOptions.InitialPosture)} has {posture.Count} values but model '{model.Name}' has {_model.CoordinateCount} coordinates ({string.Join(", ", _model.Chain.Coordinates.Select(c => c.Name))}).",
                nameof(options));
        }
        var threads = _options.MaxDegreeOfParallelism > 0 ? _options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        _workers = [.. Enumerable.Range(0, Math.Max(1, threads)).Select(_ => new ArmWorker(_model, _options))];
        _stepChunk = StepChunk;
        Layout = _model.Layout;
        ExcitationNames = _model.MuscleNames;
    }

    /// <summary>The model simulated.</summary>
    public ModelDescription Model => _model.Description;

    /// <summary>OpenSim's own state variables of this model (q, u per coordinate; activation, fiber length per muscle).</summary>
    public StateLayout OpenSimStatesLayout => _model.StatesLayout;

    /// <inheritdoc />
    public StateLayout Layout { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ExcitationNames { get; }

    /// <inheritdoc />
    public double Dt => _options.ControlStep;

    /// <inheritdoc />
    public int BatchSize { get; private set; }

    /// <inheritdoc />
    public double Time => _stepCount * Dt;

    /// <summary>Derivative evaluations made so far (all arms).</summary>
    public long Evaluations => _workers.Sum(w => w.Integrator.Evaluations);

    /// <inheritdoc />
    public void SampleInitialStates(DeterministicRandom random, Span<double> states)
    {
        ArgumentNullException.ThrowIfNull(random);
        var batch = BatchOf(states.Length, nameof(states));
        states.Clear();
        var c = Layout.Count;
        var n = _model.CoordinateCount;
        for (var b = 0; b < batch; b++)
        {
            var arm = random.Fork((ulong)b);
            var state = states.Slice(b * c, c);
            for (var j = 0; j < n; j++)
            {
                var coordinate = _model.Chain.Coordinates[j];
                var centre = _options.InitialPosture?[j] ?? (0.5 * (coordinate.RangeMin + coordinate.RangeMax));
                var half = 0.5 * (coordinate.RangeMax - coordinate.RangeMin) * _options.InitialPostureRangeFraction;
                state[j] = arm.Uniform(centre - half, centre + half);
            }

            for (var k = 0; k < _model.MuscleNames.Length; k++)
            {
                state[_model.MuscleChannelStart + (7 * k)] = _model.Muscles[k].ClampActivation(_options.InitialActivation);
            }
        }
    }

    /// <inheritdoc />
    public void Reset(ReadOnlySpan<double> requestedStates, Span<double> initialStates)
    {
        var batch = BatchOf(requestedStates.Length, nameof(requestedStates));
        if (initialStates.Length != requestedStates.Length)
        {
            throw new ArgumentException(
                $"The initial-state destination has {initialStates.Length} values but {requestedStates.Length} are needed.", nameof(initialStates));
        }

        var c = Layout.Count;
        var n = _model.CoordinateCount;
        var m = _model.MuscleNames.Length;
        var s = _model.StateLength;
        if (_y.Length != batch * s)
        {
            _y = new double[batch * s];
            _stepHints = new double[batch];
            _excitations = new double[batch * m];
            _outputs = new double[batch * c];
        }

        Array.Clear(_stepHints);
        var worker = _workers[0];
        for (var b = 0; b < batch; b++)
        {
            var requested = requestedStates.Slice(b * c, c);
            var y = _y.AsSpan(b * s, s);
            for (var j = 0; j < 2 * n; j++)
            {
                y[j] = Require(requested, j, b, double.NegativeInfinity, double.PositiveInfinity);
            }

            for (var k = 0; k < m; k++)
            {
                y[(2 * n) + k] = Require(requested, _model.MuscleChannelStart + (7 * k), b, 0, 1);
            }

            if (_options.StrictCoordinateRanges)
            {
                for (var j = 0; j < n; j++)
                {
                    var coordinate = _model.Chain.Coordinates[j];
                    Require(requested, j, b, coordinate.RangeMin, coordinate.RangeMax);
                }
            }

            worker.Dynamics.Equilibrate(y);
            worker.Dynamics.ComputeOutputs(y, initialStates.Slice(b * c, c));
        }

        BatchSize = batch;
        _stepCount = 0;
    }

    /// <inheritdoc />
    public void Step(ReadOnlySpan<double> excitations, Span<double> states)
    {
        if (BatchSize == 0)
        {
            throw new InvalidOperationException("Reset the plant before stepping it.");
        }

        var m = _model.MuscleNames.Length;
        if (excitations.Length != BatchSize * m || states.Length != BatchSize * Layout.Count)
        {
            throw new ArgumentException(
                $"Step needs {BatchSize} x {m} excitations and room for {BatchSize} x {Layout.Count} states; got {excitations.Length} and {states.Length}.");
        }

        ExcitationGuard.Apply(excitations, _excitations, ExcitationNames, _options.ExcitationRangePolicy, Time);
        _chunks = Math.Min(_workers.Length, BatchSize);
        try
        {
            if (_chunks == 1)
            {
                StepChunk(0);
            }
            else
            {
                Parallel.For(0, _chunks, new ParallelOptions { MaxDegreeOfParallelism = _chunks }, _stepChunk);
            }
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            // Report the failing arm with the lowest index, whatever thread found it first.
            throw aggregate.InnerExceptions.OfType<PlantSimulationException>().OrderBy(e => e.Arm).FirstOrDefault()
                ?? aggregate.InnerExceptions[0];
        }

        _stepCount++;
        _outputs.AsSpan().CopyTo(states);
    }

    private void StepChunk(int chunk)
    {
        var worker = _workers[chunk];
        var s = _model.StateLength;
        var m = _model.MuscleNames.Length;
        var start = (int)((long)BatchSize * chunk / _chunks);
        var end = (int)((long)BatchSize * (chunk + 1) / _chunks);
        var t0 = Time;
        var t1 = t0 + Dt;
        for (var b = start; b < end; b++)
        {
            var y = _y.AsSpan(b * s, s);
            worker.Held.Set(_excitations.AsSpan(b * m, m));
            try
            {
                worker.Integrator.Integrate(worker.Dynamics, t0, t1, y, ref _stepHints[b]);
            }
            catch (IntegrationFailedException failure)
            {
                throw new PlantSimulationException(b, t0, failure.Message, failure);
            }

            CheckState(y, b, t1);
            // The output channels (paths, markers, muscle outputs) are computed here, on the worker's thread, not
            // serially after the parallel step.
            worker.Dynamics.ComputeOutputs(y, _outputs.AsSpan(b * Layout.Count, Layout.Count));
        }
    }

    private void CheckState(ReadOnlySpan<double> y, int arm, double time)
    {
        var n = _model.CoordinateCount;
        var m = _model.MuscleNames.Length;
        for (var k = 0; k < m; k++)
        {
            var fiber = y[(2 * n) + m + k];
            if (!double.IsFinite(fiber) || fiber <= 0)
            {
                throw new PlantSimulationException(arm, time,
                    string.Create(CultureInfo.InvariantCulture, $"the fiber of muscle '{_model.MuscleNames[k]}' collapsed (fiber length {fiber} m)."));
            }
        }

        for (var i = 0; i < 2 * n; i++)
        {
            if (!double.IsFinite(y[i]))
            {
                throw new PlantSimulationException(arm, time, $"channel '{Layout[i].Name}' is not finite.");
            }
        }

        CheckCoordinateRanges(y, arm, time);
    }

    private void CheckCoordinateRanges(ReadOnlySpan<double> y, int arm, double time)
    {
        if (!_options.StrictCoordinateRanges)
        {
            return;
        }

        for (var j = 0; j < _model.CoordinateCount; j++)
        {
            var coordinate = _model.Chain.Coordinates[j];
            if (y[j] < coordinate.RangeMin || y[j] > coordinate.RangeMax)
            {
                throw new PlantSimulationException(arm, time, string.Create(CultureInfo.InvariantCulture,
                    $"coordinate '{coordinate.Name}' is {y[j]} rad, outside its range [{coordinate.RangeMin}, {coordinate.RangeMax}] (strict coordinate ranges are on)."));
            }
        }
    }

    private double Require(ReadOnlySpan<double> requested, int channel, int arm, double min, double max)
    {
        var value = requested[channel];
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Requested initial state of arm {arm}, channel '{Layout[channel].Name}', is {value}; it must be finite{(double.IsFinite(min) ? $" and in [{min}, {max}]" : string.Empty)}."));
        }

        return value;
    }

    private int BatchOf(int length, string parameterName)
    {
        var c = Layout.Count;
        if (length == 0 || length % c != 0)
        {
            throw new ArgumentException($"Expected a whole number of {c}-channel state vectors (at least one); got {length} values.", parameterName);
        }

        return length / c;
    }
}
