using ArmRnn.Abstractions;
using ArmRnn.Layouts;
using ArmRnn.Options;
using ArmRnn.Torch.Networks.Kernels;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// ControllerNet: a GRU that maps the task input and the previous state (normalised, optionally a channel subset and
/// delayed) to muscle excitations through a linear readout and a sigmoid mapped onto
/// [<see cref="ControllerNetOptions.MinExcitation"/>, <see cref="ControllerNetOptions.MaxExcitation"/>] (default
/// [0, 1]). It acts on the arm only through muscles.
/// </summary>
/// <remarks>
/// <para>Input per step: <c>[task inputs, observed state channels]</c>. State-dict keys: <c>gru.*_l0</c>,
/// <c>readout.weight</c>, <c>readout.bias</c>, and the buffers <c>observation_mean</c> and <c>observation_std</c>.
/// The initial hidden state is zero.</para>
/// <para>As an <see cref="IController"/> it runs batched on its device without gradients, one dispose scope per
/// step. Optional Gaussian noise on inputs and hidden state is drawn from its own generator
/// (<see cref="SeedNoise"/>), on the CPU, so that runs repeat. Not thread-safe.</para>
/// </remarks>
public sealed class ControllerNet : nn.Module<Tensor, Tensor, Tensor>, IController
{
#pragma warning disable IDE1006, SA1300 // Field names are the PyTorch state-dict keys.
    private readonly GRU gru;
    private readonly Linear readout;
    private Tensor observation_mean;
    private Tensor observation_std;
#pragma warning restore IDE1006, SA1300

    private readonly ControllerNetOptions _options;
    private readonly Generator _noise;
    private readonly long[] _inputShape = new long[2];
    private Tensor? _hidden;
    private GruStepCell? _stepCell;
    private PackedLinear? _hostReadout;
    private Tensor? _spareHidden;
    private int[] _observedIndices = [];
    private int[] _taskInputMap = [];
    private int _contextStateCount;
    private int _batch;
    private float[] _inputBuffer = [];
    private float[][] _observationHistory = [];
    private int _actCount;
    private float[] _outputBuffer = [];
    private readonly float[] _meanHost;
    private readonly float[] _stdHost;

    /// <summary>Creates an untrained controller (PyTorch's default initialisation from the global torch seed, then
    /// the small-excitation readout start).</summary>
    /// <param name="layout">The layout of the states it is given.</param>
    /// <param name="taskInputNames">The task inputs it reads, in order.</param>
    /// <param name="excitationNames">The excitations it produces, in order.</param>
    /// <param name="stateNormalization">Mean and std of the layout's channels (e.g. the ArmNet's); the observed
    /// channels' values are kept.</param>
    /// <param name="options">The architecture (copied); the defaults when null.</param>
    /// <param name="device">Where it runs; <see cref="Platform.TorchDevice.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An option is invalid or names a channel the layout lacks.</exception>
    public ControllerNet(
        StateLayout layout,
        IReadOnlyList<string> taskInputNames,
        IReadOnlyList<string> excitationNames,
        ChannelNormalization stateNormalization,
        ControllerNetOptions? options = null,
        Device? device = null)
        : base(nameof(ControllerNet))
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(taskInputNames);
        ArgumentNullException.ThrowIfNull(excitationNames);
        ArgumentNullException.ThrowIfNull(stateNormalization);
        if (excitationNames.Count == 0)
        {
            throw new ArgumentException("ControllerNet needs at least one excitation.", nameof(excitationNames));
        }

        _options = (options ?? new ControllerNetOptions()).Clone().EnsureValid();
        Layout = layout;
        TaskInputNames = [.. taskInputNames];
        ExcitationNames = [.. excitationNames];
        ObservedChannels = _options.ObservedChannels is null ? layout.ChannelNames : [.. _options.ObservedChannels];
        foreach (var name in ObservedChannels)
        {
            if (!layout.Contains(name))
            {
                throw new ArgumentException($"Observed channel '{name}' is not in layout '{layout.Name}'.", nameof(options));
            }
        }

        ObservationNormalization = stateNormalization.Select(ObservedChannels);
        var inputs = TaskInputNames.Count + ObservedChannels.Count;
        gru = nn.GRU(inputs, _options.HiddenSize, 1, batchFirst: true);
        readout = nn.Linear(_options.HiddenSize, ExcitationNames.Count);
        using (torch.no_grad())
        {
            readout.weight!.mul_(_options.InitialReadoutWeightScale);
            var p = (_options.InitialExcitation - _options.MinExcitation) / (_options.MaxExcitation - _options.MinExcitation);
            readout.bias!.fill_(Math.Log(p / (1 - p)));
        }

        _meanHost = ObservationNormalization.Mean.Select(v => (float)v).ToArray();
        _stdHost = ObservationNormalization.Std.Select(v => (float)v).ToArray();
        observation_mean = torch.tensor(_meanHost);
        observation_std = torch.tensor(ObservationNormalization.Std.Select(v => (float)v).ToArray());
        RegisterComponents();
        _noise = new Generator(0, torch.CPU);
        this.to(device ?? Platform.TorchDevice.Default);
    }

    /// <summary>The layout of the states it is given (its observed channels are looked up by name in it).</summary>
    public StateLayout Layout { get; }

    /// <summary>The task inputs it reads, in order.</summary>
    public IReadOnlyList<string> TaskInputNames { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ExcitationNames { get; }

    /// <summary>The state channels it observes, in input order.</summary>
    public IReadOnlyList<string> ObservedChannels { get; }

    /// <summary>The normalisation of the observed channels.</summary>
    public ChannelNormalization ObservationNormalization { get; }

    /// <summary>The architecture (a copy).</summary>
    public ControllerNetOptions Options => _options.Clone();

    /// <summary>The device its parameters live on.</summary>
    public Device Device => readout.weight!.device;

    /// <summary>Whether noise is added now: in training mode (a new module is in training mode, as in PyTorch; call
    /// <c>eval()</c> for noiseless runs) or always with <see cref="ControllerNetOptions.NoiseInEvaluation"/>.</summary>
    public bool NoiseActive => (training || _options.NoiseInEvaluation) && (_options.InputNoiseStd > 0 || _options.HiddenNoiseStd > 0);

    /// <summary>The noise generator (CPU), whose state a checkpoint saves so that resumed training repeats.</summary>
    public Generator NoiseGenerator => _noise;

    /// <summary>Restarts the noise generator from <paramref name="seed"/>.</summary>
    public void SeedNoise(ulong seed) => _noise.manual_seed(unchecked((long)seed));

    /// <summary>The zero initial hidden state <c>[1, batch, hidden]</c>.</summary>
    public Tensor InitialHidden(long batch) => torch.zeros(1, batch, _options.HiddenSize, device: Device);

    /// <summary>Selects and normalises the observed channels of raw states <c>[..., layout channels]</c> in this
    /// controller's <see cref="Layout"/>.</summary>
    public Tensor Observe(Tensor rawStates)
    {
        ArgumentNullException.ThrowIfNull(rawStates);
        using var scope = torch.NewDisposeScope();
        using var indices = torch.tensor(Layout.IndicesOf(ObservedChannels).Select(i => (long)i).ToArray(), device: rawStates.device);
        var selected = rawStates.index_select(-1, indices);
        return ((selected - observation_mean) / observation_std).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One control step.
    /// </summary>
    /// <param name="taskInput">Task inputs <c>[batch, input]</c>, in <see cref="TaskInputNames"/> order.</param>
    /// <param name="observation">Normalised observed states <c>[batch, observed]</c> (see <see cref="Observe"/>),
    /// already delayed.</param>
    /// <param name="hidden">The hidden state <c>[1, batch, hidden]</c>.</param>
    /// <returns>Excitations <c>[batch, muscle]</c> inside the controller's excitation range, and the next hidden state.</returns>
    public (Tensor Excitations, Tensor Hidden) Step(Tensor taskInput, Tensor observation, Tensor hidden)
    {
        ArgumentNullException.ThrowIfNull(taskInput);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(hidden);
        using var scope = torch.NewDisposeScope();
        var input = torch.cat([taskInput, observation], 1).unsqueeze(1);
        var (_, next) = gru.call(AddNoise(input, _options.InputNoiseStd), hidden);
        next = AddNoise(next, _options.HiddenNoiseStd);
        var excitations = ToExcitations(readout.call(next[-1]));
        return (excitations.MoveToOuterDisposeScope(), next.MoveToOuterDisposeScope());
    }

    /// <summary>Excitations <c>[batch, time, muscle]</c> for whole sequences of task inputs <c>[batch, time, input]</c>
    /// and normalised observations <c>[batch, time, observed]</c> known in advance (an open-loop analysis pass; hidden
    /// noise is not applied here).</summary>
    public override Tensor forward(Tensor taskInputs, Tensor observations)
    {
        ArgumentNullException.ThrowIfNull(taskInputs);
        ArgumentNullException.ThrowIfNull(observations);
        using var scope = torch.NewDisposeScope();
        var input = AddNoise(torch.cat([taskInputs, observations], 2), _options.InputNoiseStd);
        var output = RunGru(input);
        return ToExcitations(readout.call(output)).MoveToOuterDisposeScope();
    }

    /// <summary>The hidden states <c>[batch, time, hidden]</c> for whole sequences (for analysis of its dynamics).</summary>
    public Tensor HiddenStates(Tensor taskInputs, Tensor observations)
    {
        ArgumentNullException.ThrowIfNull(taskInputs);
        ArgumentNullException.ThrowIfNull(observations);
        using var scope = torch.NewDisposeScope();
        var output = RunGru(torch.cat([taskInputs, observations], 2));
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>The GRU's hidden states over whole sequences from a zero hidden state: through ArmRnn's GRU kernel when
    /// no gradient is needed (<see cref="GruSequence.UsesOwnKernel"/>), else through the module (autograd).</summary>
    private Tensor RunGru(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var h0 = torch.zeros([1, input.shape[0], _options.HiddenSize], input.dtype, input.device);
        var (output, _) = GruSequence.UsesOwnKernel(gru, input, h0)
            ? GruSequence.Run(gru, input, h0, batchFirst: true)
            : gru.call(input, h0);
        return output.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Reset(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var missing = ObservedChannels.Where(c => !context.StateLayout.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"ControllerNet observes channels that layout '{context.StateLayout.Name}' lacks: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : string.Empty)}.",
                nameof(context));
        }

        var inputMap = new int[TaskInputNames.Count];
        for (var i = 0; i < TaskInputNames.Count; i++)
        {
            inputMap[i] = -1;
            for (var k = 0; k < context.TaskInputNames.Count; k++)
            {
                if (string.Equals(context.TaskInputNames[k], TaskInputNames[i], StringComparison.Ordinal))
                {
                    inputMap[i] = k;
                    break;
                }
            }

            if (inputMap[i] < 0)
            {
                throw new ArgumentException(
                    $"ControllerNet needs task input '{TaskInputNames[i]}' but the task provides [{string.Join(", ", context.TaskInputNames)}].",
                    nameof(context));
            }
        }

        ClearRunState();
        _taskInputMap = inputMap;
        _contextStateCount = context.StateLayout.Count;
        _batch = context.BatchSize;
        _inputBuffer = new float[_batch * (TaskInputNames.Count + ObservedChannels.Count)];
        _observationHistory = new float[_options.SensoryDelaySteps + 1][];
        for (var i = 0; i < _observationHistory.Length; i++)
        {
            _observationHistory[i] = new float[_batch * ObservedChannels.Count];
        }

        _actCount = 0;
        _outputBuffer = new float[_batch * ExcitationNames.Count];
        _inputShape[0] = _batch;
        _inputShape[1] = TaskInputNames.Count + ObservedChannels.Count;
        _observedIndices = context.StateLayout.IndicesOf(ObservedChannels);
        // [batch, hidden] between steps (the cell's layout); the noisy path adds the GRU's layer axis.
        _hidden = torch.zeros(_batch, _options.HiddenSize, device: Device);
        _stepCell ??= new GruStepCell(gru, TaskInputNames.Count + ObservedChannels.Count, _options.HiddenSize);
        _stepCell.Bind();
        // On the CPU with ArmRnn's kernel, noiseless steps run on addresses (see ArmNet.Reset).
        if (_stepCell.CanStepOnHost && Device.type == DeviceType.CPU)
        {
            _spareHidden = torch.empty_like(_hidden);
            _hostReadout = PackedLinear.Of(readout, _hostReadout);
        }
    }

    /// <inheritdoc />
    public void Act(ReadOnlySpan<double> taskInputs, ReadOnlySpan<double> previousStates, Span<double> excitations)
    {
        if (_hidden is null)
        {
            throw new InvalidOperationException("Reset ControllerNet before calling Act.");
        }

        var inputs = _taskInputMap.Length;
        var contextInputs = _batch == 0 ? 0 : taskInputs.Length / _batch;
        if (previousStates.Length != _batch * _contextStateCount || excitations.Length != _batch * ExcitationNames.Count
            || taskInputs.Length != _batch * contextInputs)
        {
            throw new ArgumentException(
                $"Act needs [{_batch}, inputs] task inputs, [{_batch}, {_contextStateCount}] states and room for [{_batch}, {ExcitationNames.Count}] excitations; got {taskInputs.Length}, {previousStates.Length} and {excitations.Length} values.");
        }

        // The observation history and the network input are built on the host: one upload per step instead of two
        // uploads, a concatenation and the (de)normalisation operations.
        var observed = ObservedChannels.Count;
        var delay = _observationHistory.Length - 1;
        var current = _observationHistory[_actCount % _observationHistory.Length];
        // While fewer than delay + 1 observations exist, the oldest (the initial state's) is the delayed one.
        var delayed = _observationHistory[Math.Max(0, _actCount - delay) % _observationHistory.Length];
        var width = inputs + observed;
        for (var b = 0; b < _batch; b++)
        {
            for (var k = 0; k < observed; k++)
            {
                current[(b * observed) + k] = ((float)previousStates[(b * _contextStateCount) + _observedIndices[k]] - _meanHost[k]) / _stdHost[k];
            }

            for (var i = 0; i < inputs; i++)
            {
                _inputBuffer[(b * width) + i] = (float)taskInputs[(b * contextInputs) + _taskInputMap[i]];
            }

            Array.Copy(delayed, b * observed, _inputBuffer, (b * width) + inputs, observed);
        }

        _actCount++;
        if (_spareHidden is not null && !NoiseActive)
        {
            ActOnHost();
        }
        else
        {
            ActWithTensors(inputs, observed);
        }

        for (var i = 0; i < _outputBuffer.Length; i++)
        {
            excitations[i] = _outputBuffer[i];
        }
    }

    /// <summary>One noiseless step through ArmRnn's kernel from the host input buffer; the excitations
    /// (<c>σ(readout)</c>, scaled into the excitation range as <see cref="ToExcitations"/> does) into the host output
    /// buffer.</summary>
    private void ActOnHost()
    {
        _stepCell!.StepOnHost(_batch, _inputBuffer, ref _hidden, ref _spareHidden, _hostReadout!, _outputBuffer);
        var range = (float)(_options.MaxExcitation - _options.MinExcitation);
        var minimum = (float)_options.MinExcitation;
        for (var i = 0; i < _outputBuffer.Length; i++)
        {
            var sigmoid = 1f / (1f + MathF.Exp(-_outputBuffer[i]));
            _outputBuffer[i] = range == 1f ? sigmoid : (sigmoid * range) + minimum;
        }
    }

    /// <summary>One step through tensor operations (noise, other devices).</summary>
    private void ActWithTensors(int inputs, int observed)
    {
        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var input = torch.tensor(_inputBuffer, _inputShape, device: Device);
            Tensor e;
            Tensor next;
            if (NoiseActive)
            {
                (e, var sequenceHidden) = Step(input.narrow(1, 0, inputs), input.narrow(1, inputs, observed), _hidden!.unsqueeze(0));
                next = sequenceHidden.squeeze(0);
            }
            else
            {
                // Step without noise, through the cell that shares the GRU's weights: per-step overhead matters at batch 1.
                next = _stepCell!.Step(input, _hidden!);
                e = ToExcitations(readout.call(next));
            }

            (e.device_type == DeviceType.CPU ? e : e.cpu()).data<float>().CopyTo(_outputBuffer);
            _hidden!.Dispose();
            _hidden = next.DetachFromDisposeScope();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ClearRunState();
            _noise.Dispose();
            _stepCell?.Dispose();
            _stepCell = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>The readout's output mapped onto the excitation range: min + (max − min)·σ(x).</summary>
    private Tensor ToExcitations(Tensor readoutOutput)
    {
        var excitations = torch.sigmoid(readoutOutput);
        var range = _options.MaxExcitation - _options.MinExcitation;
        return range == 1.0 ? excitations : (excitations * range) + _options.MinExcitation;
    }

    /// <summary>Adds Gaussian noise when <see cref="NoiseActive"/>.</summary>
    private Tensor AddNoise(Tensor tensor, double std)
    {
        if (std <= 0 || !NoiseActive)
        {
            return tensor;
        }

        using var noise = torch.randn(tensor.shape, generator: _noise);
        using var onDevice = noise.to(tensor.device);
        return tensor + (onDevice * std);
    }

    private void ClearRunState()
    {
        _hidden?.Dispose();
        _hidden = null;
        _spareHidden?.Dispose();
        _spareHidden = null;
    }
}
