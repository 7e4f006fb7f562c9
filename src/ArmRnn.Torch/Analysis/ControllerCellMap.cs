using ArmRnn.Torch.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// A <see cref="ControllerNet"/>'s GRU on its own, with its task input and its observation of the arm clamped:
/// <c>h' = GRU([u, normalise(s)], h)</c>. Its fixed points are the controller's attractors when the arm's state does
/// not change (for example before the go cue, with the arm at rest at <c>s</c>).
/// </summary>
/// <remarks>The controller must be deterministic: in evaluation mode, or without noise (see
/// <see cref="ControllerNet.NoiseActive"/>).</remarks>
public sealed class ControllerCellMap : IRecurrentMap
{
    private readonly ControllerNet _controller;
    private readonly float[] _taskInput;
    private readonly float[] _observation;

    /// <summary>Creates the map.</summary>
    /// <param name="controller">The controller (not disposed by the map).</param>
    /// <param name="taskInput">The task inputs, in <see cref="ControllerNet.TaskInputNames"/> order.</param>
    /// <param name="state">The raw state the controller observes, in its <see cref="ControllerNet.Layout"/> order.</param>
    /// <param name="dt">The control step (s).</param>
    /// <exception cref="ArgumentException">A length does not match, or a value is not finite.</exception>
    /// <exception cref="InvalidOperationException">The controller adds noise now (call <c>eval()</c>).</exception>
    public ControllerCellMap(ControllerNet controller, IReadOnlyList<double> taskInput, IReadOnlyList<double> state, double dt)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(taskInput);
        ArgumentNullException.ThrowIfNull(state);
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The control step must be a positive, finite number of seconds.");
        }

        MapChecks.RequireDeterministic(controller);
        MapChecks.RequireFinite(taskInput, controller.TaskInputNames.Count, "task input", nameof(taskInput));
        MapChecks.RequireFinite(state, controller.Layout.Count, $"state of layout '{controller.Layout.Name}'", nameof(state));
        _controller = controller;
        _taskInput = [.. taskInput.Select(v => (float)v)];
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            var raw = torch.tensor(state.Select(v => (float)v).ToArray(), [1, state.Count], device: controller.Device);
            var observed = controller.Observe(raw);
            _observation = observed.cpu().data<float>().ToArray();
        }

        StateSize = controller.Options.HiddenSize;
        Dt = dt;
    }

    /// <inheritdoc />
    public int StateSize { get; }

    /// <inheritdoc />
    public double Dt { get; }

    /// <inheritdoc />
    public Device Device => _controller.Device;

    /// <inheritdoc />
    public ScalarType DType => ScalarType.Float32;

    /// <inheritdoc />
    public Tensor Step(Tensor states)
    {
        ArgumentNullException.ThrowIfNull(states);
        MapChecks.RequireShape(states, StateSize);
        MapChecks.RequireDeterministic(_controller);
        using var scope = torch.NewDisposeScope();
        var batch = states.shape[0];
        var u = torch.tensor(_taskInput, [1, _taskInput.Length], device: Device).expand(batch, -1);
        var o = torch.tensor(_observation, [1, _observation.Length], device: Device).expand(batch, -1);
        var (_, next) = _controller.Step(u, o, states.unsqueeze(0));
        return next.squeeze(0).MoveToOuterDisposeScope();
    }
}
