using ArmRnn.Torch.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// A <see cref="ControllerNet"/> driving an <see cref="ArmNet"/> in closed loop, as one recurrent system with a
/// constant task input. The state is <c>z = [h_c, h_a]</c>: the controller's hidden state (its
/// <see cref="ControllerStateSize"/> units first) followed by ArmNet's hidden state (its rows, layer by layer, then the
/// LSTM cell state for an LSTM ArmNet). One step:
/// <c>s = denormalise(readout(h_a)); (e, h_c') = controller(u, observe(s), h_c); h_a' = ArmNet(e, h_a)</c>,
/// which is the step of <see cref="Training.ControllerTrainer"/>'s unrolled loop after its first step.
/// </summary>
/// <remarks>
/// The controller must have no sensory delay (with a delay the loop's state would include the delayed observations)
/// and must be deterministic (see <see cref="ControllerNet.NoiseActive"/>). The arm's state channels are a function of
/// <c>h_a</c>, so they are not part of <c>z</c>; <see cref="ArmStates"/> reads them out.
/// </remarks>
public sealed class ClosedLoopMap : IRecurrentMap
{
    private readonly ControllerNet _controller;
    private readonly ArmNet _armNet;
    private readonly float[] _taskInput;
    private readonly float[] _initialState;
    private readonly int _armRows;
    private readonly int _armHidden;
    private readonly int _armLayers;

    /// <summary>Creates the map.</summary>
    /// <param name="controller">The controller (not disposed by the map).</param>
    /// <param name="armNet">The arm (not disposed by the map).</param>
    /// <param name="taskInput">The constant task inputs, in <see cref="ControllerNet.TaskInputNames"/> order (e.g. one
    /// reach target with the go cue on).</param>
    /// <param name="initialState">The raw start state, in ArmNet's layout order: it sets <see cref="InitialState"/>
    /// and, for an ArmNet that feeds its initial state as an input, that input.</param>
    /// <exception cref="ArgumentException">The networks do not fit together, the controller has a sensory delay, or a
    /// length does not match.</exception>
    /// <exception cref="InvalidOperationException">The controller adds noise now (call <c>eval()</c>).</exception>
    public ClosedLoopMap(ControllerNet controller, ArmNet armNet, IReadOnlyList<double> taskInput, IReadOnlyList<double> initialState)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(armNet);
        ArgumentNullException.ThrowIfNull(taskInput);
        ArgumentNullException.ThrowIfNull(initialState);
        if (!controller.ExcitationNames.SequenceEqual(armNet.ExcitationNames, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The controller produces [{string.Join(", ", controller.ExcitationNames)}] but ArmNet reads [{string.Join(", ", armNet.ExcitationNames)}].",
                nameof(controller));
        }

        var difference = controller.Layout.DescribeChannelDifference(armNet.Layout);
        if (difference is not null)
        {
            throw new ArgumentException($"The controller's state layout differs from ArmNet's: {difference}", nameof(controller));
        }

        if (controller.Options.SensoryDelaySteps != 0)
        {
            throw new ArgumentException(
                $"The controller has a sensory delay of {controller.Options.SensoryDelaySteps} steps; closed-loop fixed points need a controller without delay (the delayed observations would be part of the state).",
                nameof(controller));
        }

        MapChecks.RequireDeterministic(controller);
        MapChecks.RequireFinite(taskInput, controller.TaskInputNames.Count, "task input", nameof(taskInput));
        MapChecks.RequireFinite(initialState, armNet.Layout.Count, $"state of layout '{armNet.Layout.Name}'", nameof(initialState));
        _controller = controller;
        _armNet = armNet;
        _taskInput = [.. taskInput.Select(v => (float)v)];
        _initialState = [.. initialState.Select(v => (float)v)];
        var armOptions = armNet.Options;
        _armRows = armNet.HiddenRows;
        _armHidden = armOptions.HiddenSize;
        _armLayers = armOptions.Layers;
        ControllerStateSize = controller.Options.HiddenSize;
        StateSize = ControllerStateSize + (_armRows * _armHidden);
        Dt = armNet.Dt;
    }

    /// <summary>The number of controller units at the start of the state vector.</summary>
    public int ControllerStateSize { get; }

    /// <inheritdoc />
    public int StateSize { get; }

    /// <inheritdoc />
    public double Dt { get; }

    /// <inheritdoc />
    public Device Device => _armNet.Device;

    /// <inheritdoc />
    public ScalarType DType => ScalarType.Float32;

    /// <summary>The loop's state at the start of a trial from the initial state: the controller's zero hidden state and
    /// ArmNet's <c>tanh(initial_hidden(s0))</c>.</summary>
    public double[] InitialState()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var s0 = _armNet.Normalize(torch.tensor(_initialState, [1, _initialState.Length], device: Device));
        var armHidden = _armNet.InitialHidden(s0);
        var z = torch.cat([torch.zeros(1, ControllerStateSize, device: Device), FlattenArm(armHidden, 1)], 1);
        var result = new double[StateSize];
        TensorConversions.CopyTo(z, result);
        return result;
    }

    /// <summary>The raw arm states (ArmNet's layout, physical units) that loop states <c>[batch, StateSize]</c> read out
    /// to: <c>denormalise(readout(h_a))</c>.</summary>
    public Tensor ArmStates(Tensor states)
    {
        ArgumentNullException.ThrowIfNull(states);
        MapChecks.RequireShape(states, StateSize);
        using var scope = torch.NewDisposeScope();
        var batch = states.shape[0];
        var arm = UnflattenArm(states.narrow(1, ControllerStateSize, StateSize - ControllerStateSize), batch);
        return _armNet.Denormalize(Readout(arm[_armLayers - 1])).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Step(Tensor states)
    {
        ArgumentNullException.ThrowIfNull(states);
        MapChecks.RequireShape(states, StateSize);
        MapChecks.RequireDeterministic(_controller);
        using var scope = torch.NewDisposeScope();
        var batch = states.shape[0];
        var controllerHidden = states.narrow(1, 0, ControllerStateSize).unsqueeze(0);
        var armHidden = UnflattenArm(states.narrow(1, ControllerStateSize, StateSize - ControllerStateSize), batch);
        var raw = _armNet.Denormalize(Readout(armHidden[_armLayers - 1]));
        var observed = _controller.Observe(raw);
        var u = torch.tensor(_taskInput, [1, _taskInput.Length], device: Device).expand(batch, -1);
        var (excitations, controllerNext) = _controller.Step(u, observed, controllerHidden);
        var s0 = _armNet.Normalize(torch.tensor(_initialState, [1, _initialState.Length], device: Device)).expand(batch, -1);
        var (_, armNext) = _armNet.Run(excitations.unsqueeze(1), armHidden, s0);
        return torch.cat([controllerNext.squeeze(0), FlattenArm(armNext, batch)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>ArmNet's readout (state-dict keys <c>readout.weight</c> and <c>readout.bias</c>) applied to hidden
    /// states <c>[batch, hidden]</c>: the normalised state.</summary>
    private Tensor Readout(Tensor hidden)
    {
        var parameters = _armNet.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        return torch.nn.functional.linear(hidden, parameters["readout.weight"], parameters["readout.bias"]);
    }

    /// <summary><c>[rows, batch, hidden]</c> to <c>[batch, rows·hidden]</c>.</summary>
    private Tensor FlattenArm(Tensor armHidden, long batch) => armHidden.permute(1, 0, 2).reshape(batch, _armRows * _armHidden);

    /// <summary><c>[batch, rows·hidden]</c> to <c>[rows, batch, hidden]</c>.</summary>
    private Tensor UnflattenArm(Tensor flat, long batch) => flat.reshape(batch, _armRows, _armHidden).permute(1, 0, 2).contiguous();
}
