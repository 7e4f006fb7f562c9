using ArmRnn.Abstractions;
using ArmRnn.Options;
using ArmRnn.Tasks;

namespace ArmRnn.Plants;

/// <summary>
/// A scripted reaching controller for <see cref="PointMassPlant"/> (the demo's controller and a template for
/// hand-written controllers). It reads the reaching task's inputs (<see cref="ReachTaskInputs"/>: target relative to
/// the start in the x-y plane, go cue), tracks a minimum-jerk path from the start to the target that begins at the
/// go cue, and turns the force it wants (feed-forward for the reference plus PD feedback) into muscle excitations
/// around a co-contraction baseline.
/// </summary>
/// <remarks>
/// With M ≥ 3 evenly spaced pull directions u_k, Σ u_k u_kᵀ = (M/2)·I, so excitations e_k = c + 2 (f·u_k)/(M F)
/// produce the net force f exactly (while they stay inside [0, 1]; they are clamped otherwise). The muscles' own
/// activation lag is not compensated, so the hand trails the reference slightly.
/// </remarks>
public sealed class PointMassReachController : IController
{
    private readonly PointMassPlantOptions _plant;
    private readonly PointMassReachControllerOptions _options;
    private readonly (double X, double Y)[] _directions;
    private readonly Layouts.StateLayout _layout;
    private double _dt;
    private int _step;
    private int _inputCount;
    private (int U, int V, int Cue) _inputIndex;
    private double[] _startX = [];
    private double[] _startY = [];
    private int[] _cueStep = [];

    /// <summary>Creates a controller for <paramref name="plant"/>.</summary>
    public PointMassReachController(PointMassPlant plant, PointMassReachControllerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plant);
        _plant = plant.Options;
        _options = (options ?? new PointMassReachControllerOptions()).Clone().EnsureValid();
        if (_plant.MuscleCount < 3)
        {
            throw new ArgumentException($"The reach controller needs at least 3 muscles to pull in every direction; the plant has {_plant.MuscleCount}.", nameof(plant));
        }

        _directions = [.. Enumerable.Range(0, _plant.MuscleCount).Select(plant.PullDirection)];
        ExcitationNames = plant.ExcitationNames;
        _layout = plant.Layout;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ExcitationNames { get; }

    /// <inheritdoc />
    public void Reset(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int IndexOfInput(string name)
        {
            for (var i = 0; i < context.TaskInputNames.Count; i++)
            {
                if (context.TaskInputNames[i] == name)
                {
                    return i;
                }
            }

            throw new ArgumentException(
                $"The reach controller needs task input '{name}'; the loop provides [{string.Join(", ", context.TaskInputNames)}].", nameof(context));
        }

        context.StateLayout.EnsureSameChannels(_layout, "PointMassReachController");
        _inputIndex = (IndexOfInput(ReachTaskInputs.TargetU), IndexOfInput(ReachTaskInputs.TargetV), IndexOfInput(ReachTaskInputs.GoCue));
        _inputCount = context.TaskInputNames.Count;
        _dt = context.Dt;
        _step = 0;
        _startX = new double[context.BatchSize];
        _startY = new double[context.BatchSize];
        _cueStep = new int[context.BatchSize];
        Array.Fill(_cueStep, -1);
    }

    /// <inheritdoc />
    public void Act(ReadOnlySpan<double> taskInputs, ReadOnlySpan<double> previousStates, Span<double> excitations)
    {
        var n = 4 + _plant.MuscleCount;
        var m = _plant.MuscleCount;
        for (var b = 0; b < _startX.Length; b++)
        {
            var state = previousStates.Slice(b * n, n);
            var input = taskInputs.Slice(b * _inputCount, _inputCount);
            if (_step == 0)
            {
                _startX[b] = state[0];
                _startY[b] = state[1];
            }

            if (_cueStep[b] < 0 && input[_inputIndex.Cue] > 0.5)
            {
                _cueStep[b] = _step;
            }

            // Reference at the end of this step.
            var (s, ds, dds) = (0.0, 0.0, 0.0);
            if (_cueStep[b] >= 0)
            {
                var tau = (_step + 1 - _cueStep[b]) * _dt / _options.MovementTime;
                s = MinimumJerk.Position(tau);
                ds = MinimumJerk.Velocity(tau) / _options.MovementTime;
                dds = MinimumJerk.Acceleration(tau) / (_options.MovementTime * _options.MovementTime);
            }

            var (du, dv) = (input[_inputIndex.U], input[_inputIndex.V]);
            var refX = _startX[b] + (s * du);
            var refY = _startY[b] + (s * dv);
            var forceX = (_plant.Stiffness * refX) + (_plant.Damping * ds * du) + (_plant.Mass * dds * du)
                + (_options.PositionGain * (refX - state[0])) + (_options.VelocityGain * ((ds * du) - state[2]));
            var forceY = (_plant.Stiffness * refY) + (_plant.Damping * ds * dv) + (_plant.Mass * dds * dv)
                + (_options.PositionGain * (refY - state[1])) + (_options.VelocityGain * ((ds * dv) - state[3]));
            var output = excitations.Slice(b * m, m);
            for (var k = 0; k < m; k++)
            {
                var drive = 2 * ((forceX * _directions[k].X) + (forceY * _directions[k].Y)) / (m * _plant.MaxForce);
                output[k] = Math.Clamp(_options.CoContraction + drive, 0.0, 1.0);
            }
        }

        _step++;
    }
}
