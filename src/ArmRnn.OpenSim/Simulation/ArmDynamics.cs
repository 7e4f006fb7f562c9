using ArmRnn.OpenSim.Engine;
using ArmRnn.OpenSim.Engine.Integration;
using ArmRnn.OpenSim.Engine.Multibody;
using ArmRnn.OpenSim.Engine.Muscles;
using ArmRnn.OpenSim.Engine.Paths;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>
/// The equations of motion of one musculoskeletal arm: state y = [q, u, activations, fiber lengths]. Per
/// evaluation: body poses from q; each muscle's path length; its moment arms as the lengthening speed per unit
/// coordinate speed (the path's partial velocities, which is how OpenSim maps tendon force to generalised
/// force); Thelen muscle dynamics; and multibody forward dynamics under gravity and the muscles' generalised forces.
/// </summary>
/// <remarks>One instance per thread: it holds scratch buffers and evaluates without allocating.</remarks>
internal sealed class ArmDynamics : IOdeSystem, IBodyPoses, IBodyVelocities, ICoordinateValues
{
    private readonly CompiledArmModel _model;
    private readonly MultibodyState _state;
    private readonly GeometryPathEvaluator[] _paths;
    private readonly Dictionary<string, int> _bodyIndex;
    private readonly int _n;
    private readonly int _m;
    private readonly double[] _q;
    private readonly double[] _unitSpeed;
    private readonly double[] _lengths;
    private readonly bool[] _exact;
    private readonly double[] _lengthDerivatives;
    private readonly double[] _generalisedForces;
    private readonly double[] _excitations;

    public ArmDynamics(CompiledArmModel model)
    {
        _model = model;
        _n = model.CoordinateCount;
        _m = model.MuscleNames.Length;
        _state = model.Chain.CreateState();
        _paths = [.. model.Paths.Select(p => p.CreateEvaluator())];
        _bodyIndex = model.Chain.BodyNames.Select((b, i) => (b, i)).ToDictionary(p => p.b, p => p.i, StringComparer.Ordinal);
        _q = new double[_n];
        _unitSpeed = new double[_n];
        _lengths = new double[_m];
        _exact = new bool[_m];
        _lengthDerivatives = new double[_m * _n];
        _generalisedForces = new double[_n];
        _excitations = new double[_m];
    }

    /// <summary>The excitations driving the arm; set before integrating.</summary>
    public IExcitationSchedule? Excitations { get; set; }

    public int Dimension => _model.StateLength;

    public double ErrorScale(int index)
    {
        // Angles and speeds: 1 rad and 1 rad/s; activations: 1; fiber lengths: their optimal length.
        var muscleFiber = index - (2 * _n) - _m;
        return muscleFiber >= 0 ? _model.Muscles[muscleFiber].OptimalFiberLength : 1.0;
    }

    public void Evaluate(double time, ReadOnlySpan<double> state, Span<double> derivative)
    {
        var q = state[.._n];
        var u = state.Slice(_n, _n);
        var activation = state.Slice(2 * _n, _m);
        var fiber = state.Slice((2 * _n) + _m, _m);
        UpdateGeometry(q);
        (Excitations ?? throw new InvalidOperationException("No excitation schedule set.")).Evaluate(time, _excitations);

        Array.Clear(_generalisedForces);
        for (var k = 0; k < _m; k++)
        {
            var muscle = _model.Muscles[k];
            var tendonForce = muscle.ComputeTendonForce(activation[k], fiber[k], _lengths[k], out var fiberVelocity);
            derivative[(2 * _n) + k] = muscle.ActivationDerivative(_excitations[k], activation[k]);
            derivative[(2 * _n) + _m + k] = fiberVelocity;
            for (var j = 0; j < _n; j++)
            {
                // Generalised force of a tension F along a path of length l(q): -F ∂l/∂q_j.
                _generalisedForces[j] -= tendonForce * _lengthDerivatives[(k * _n) + j];
            }
        }

        u.CopyTo(derivative[.._n]);
        _model.Chain.ForwardDynamics(u, _generalisedForces, derivative.Slice(_n, _n), _state);
    }

    /// <summary>Writes the full output channels (the model's layout) for state <paramref name="state"/>.</summary>
    public void ComputeOutputs(ReadOnlySpan<double> state, Span<double> outputs)
    {
        var q = state[.._n];
        var u = state.Slice(_n, _n);
        UpdateGeometry(q);
        q.CopyTo(outputs[.._n]);
        u.CopyTo(outputs.Slice(_n, _n));
        var channel = _model.MarkerChannelStart;
        foreach (var (body, location) in _model.Markers)
        {
            var p = MultibodyChain.BodyPose(_state, body).ToOuter(location);
            outputs[channel++] = p.X;
            outputs[channel++] = p.Y;
            outputs[channel++] = p.Z;
        }

        for (var k = 0; k < _m; k++)
        {
            // OpenSim reports the clamped activation; the state itself may sit below the floor.
            var activation = _model.Muscles[k].ClampActivation(state[(2 * _n) + k]);
            var fiber = state[(2 * _n) + _m + k];
            var result = _model.Muscles[k].Compute(state[(2 * _n) + k], fiber, _lengths[k]);
            var speed = 0.0;
            for (var j = 0; j < _n; j++)
            {
                speed += _lengthDerivatives[(k * _n) + j] * u[j];
            }

            outputs[channel++] = activation;
            outputs[channel++] = fiber;
            outputs[channel++] = result.FiberVelocity;
            outputs[channel++] = _lengths[k];
            outputs[channel++] = speed;
            outputs[channel++] = result.TendonForce;
            outputs[channel++] = result.PassiveFiberForce;
        }
    }

    /// <summary>
    /// Completes a starting state: fiber lengths are set to equilibrium for the posture, speeds and (clamped)
    /// activations, as OpenSim equilibrates muscles at initialisation.
    /// </summary>
    public void Equilibrate(Span<double> state)
    {
        var q = state[.._n];
        var u = state.Slice(_n, _n);
        UpdateGeometry(q);
        for (var k = 0; k < _m; k++)
        {
            var muscle = _model.Muscles[k];
            // The activation state stays as given (OpenSim integrates it unclamped: a state below the floor must climb
            // back before the muscle activates); the muscle sees the clamped value.
            var activation = muscle.ClampActivation(state[(2 * _n) + k]);
            var speed = 0.0;
            for (var j = 0; j < _n; j++)
            {
                speed += _lengthDerivatives[(k * _n) + j] * u[j];
            }

            state[(2 * _n) + _m + k] = muscle.EquilibriumFiberLength(activation, _lengths[k], speed);
        }
    }

    private void UpdateGeometry(ReadOnlySpan<double> q)
    {
        q.CopyTo(_q);
        var chain = _model.Chain;
        chain.UpdatePositions(q, _state);
        var exact = false;
        Array.Clear(_lengthDerivatives);
        for (var k = 0; k < _m; k++)
        {
            var gradient = _lengthDerivatives.AsSpan(k * _n, _n);
            var table = _model.Tables[k];
            _exact[k] = table is null || !table.TryEvaluate(q, out _lengths[k], gradient);
            if (_exact[k])
            {
                _lengths[k] = _paths[k].ComputeLength(this, this);
                exact = true;
            }
        }

        if (!exact)
        {
            return;
        }

        for (var j = 0; j < _n; j++)
        {
            Array.Clear(_unitSpeed);
            _unitSpeed[j] = 1.0;
            chain.UpdateVelocities(_unitSpeed, _state);
            for (var k = 0; k < _m; k++)
            {
                if (_exact[k])
                {
                    _lengthDerivatives[(k * _n) + j] = _paths[k].ComputeLengtheningSpeed(this);
                }
            }
        }
    }

    Pose IBodyPoses.GetPose(string body) => MultibodyChain.BodyPose(_state, BodyIndexOf(body));

    BodyVelocity IBodyVelocities.GetVelocity(string body)
    {
        var (angular, linear) = MultibodyChain.BodyVelocity(_state, BodyIndexOf(body));
        return new BodyVelocity(angular, linear);
    }

    double ICoordinateValues.GetValue(string coordinate) => _q[_model.CoordinateIndex[coordinate]];

    private int BodyIndexOf(string body) => body == Model.ModelDescription.Ground ? -1 : _bodyIndex[body];
}
