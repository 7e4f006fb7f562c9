using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Excitation;
using ArmRnn.Layouts;
using ArmRnn.Options;
using ArmRnn.Randomness;
using ArmRnn.Torch.Networks.Kernels;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// ArmNet: a recurrent surrogate of a musculoskeletal plant. A GRU (or LSTM) reads the excitations step by step and a
/// linear readout maps its hidden state to the whole state vector, in normalised units. The initial state of each
/// trajectory sets the initial hidden state through a learned map (<c>tanh(initial_hidden(s0))</c>).
/// </summary>
/// <remarks>
/// <para>State-dict keys (as in PyTorch): <c>gru.weight_ih_l0</c>, <c>gru.weight_hh_l0</c>, <c>gru.bias_ih_l0</c>,
/// <c>gru.bias_hh_l0</c> (or <c>lstm.*</c>), <c>readout.weight</c>, <c>readout.bias</c>, <c>initial_hidden.weight</c>,
/// <c>initial_hidden.bias</c>, and the buffers <c>state_mean</c> and <c>state_std</c> (the training data's per-channel
/// normalisation, which travels with the weights). <c>benchmarks/pytorch</c> and the tests' Python script show the
/// same module in PyTorch.</para>
/// <para>As an <see cref="IPlant"/> it runs batched on its device without gradients: <see cref="Reset"/> takes the
/// requested states as they are (it cannot make them consistent) and <see cref="Step"/> advances the GRU by one step.
/// Each step runs in its own dispose scope; only the hidden state outlives it. Not thread-safe.</para>
/// </remarks>
public sealed class ArmNet : nn.Module<Tensor, Tensor, Tensor>, IPlant
{
#pragma warning disable IDE1006, SA1300 // Field names are the PyTorch state-dict keys.
    private readonly GRU? gru;
    private readonly LSTM? lstm;
    private readonly Linear readout;
    private readonly Linear initial_hidden;
    private Tensor state_mean;
    private Tensor state_std;
#pragma warning restore IDE1006, SA1300

    private readonly ArmNetOptions _options;
    private ChannelNormalization _normalization;
    private long[] _stepShape = [];
    private Tensor? _hidden;
    private GruStepCell? _stepCell;
    private bool _stepThroughCell;
    private PackedLinear? _hostReadout;
    private Tensor? _spareHidden;
    private Tensor? _initialInput;
    private double[] _checkedExcitations = [];
    private float[] _inputBuffer = [];
    private float[] _outputBuffer = [];
    private long _stepCount;
    private float[] _meanHost = [];
    private float[] _stdHost = [];

    /// <summary>Creates an untrained ArmNet (PyTorch's default initialisation, from the global torch seed).</summary>
    /// <param name="layout">The state layout it predicts.</param>
    /// <param name="excitationNames">The excitations (muscles) it reads, in order.</param>
    /// <param name="dt">The control step (s) of the data it learns.</param>
    /// <param name="normalization">Per-channel mean and std of the states (from the training data), in layout order.</param>
    /// <param name="options">The architecture (copied); the defaults when null.</param>
    /// <param name="device">Where it runs; <see cref="Platform.TorchDevice.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An option is invalid, or the normalisation's channels are not the layout's.</exception>
    public ArmNet(
        StateLayout layout,
        IReadOnlyList<string> excitationNames,
        double dt,
        ChannelNormalization normalization,
        ArmNetOptions? options = null,
        Device? device = null)
        : base(nameof(ArmNet))
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(excitationNames);
        ArgumentNullException.ThrowIfNull(normalization);
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The control step must be a positive, finite number of seconds.");
        }

        if (excitationNames.Count == 0)
        {
            throw new ArgumentException("ArmNet needs at least one excitation.", nameof(excitationNames));
        }

        if (!normalization.ChannelNames.SequenceEqual(layout.ChannelNames, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The normalisation's channels are not those of layout '{layout.Name}', in order.", nameof(normalization));
        }

        _options = (options ?? new ArmNetOptions()).Clone().EnsureValid();
        _normalization = normalization;
        Layout = layout;
        ExcitationNames = [.. excitationNames];
        Dt = dt;

        var states = layout.Count;
        var input = excitationNames.Count + (_options.FeedInitialStateAsInput ? states : 0);
        var hidden = _options.HiddenSize;
        if (_options.Cell == RecurrentCellKind.Gru)
        {
            gru = nn.GRU(input, hidden, _options.Layers, batchFirst: true);
        }
        else
        {
            lstm = nn.LSTM(input, hidden, _options.Layers, batchFirst: true);
        }

        readout = nn.Linear(hidden, states);
        initial_hidden = nn.Linear(states, HiddenRows * hidden);
        state_mean = torch.tensor(normalization.Mean.Select(v => (float)v).ToArray());
        state_std = torch.tensor(normalization.Std.Select(v => (float)v).ToArray());
        RegisterComponents();
        SetHostNormalization(normalization);
        this.to(device ?? Platform.TorchDevice.Default);
    }

    /// <inheritdoc />
    public StateLayout Layout { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ExcitationNames { get; }

    /// <inheritdoc />
    public double Dt { get; }

    /// <inheritdoc />
    public int BatchSize { get; private set; }

    /// <inheritdoc />
    public double Time => _stepCount * Dt;

    /// <summary>The architecture (a copy).</summary>
    public ArmNetOptions Options => _options.Clone();

    /// <summary>The state normalisation it was built with (its buffers hold the same values as float32).</summary>
    public ChannelNormalization Normalization => _normalization;

    /// <summary>The device its parameters live on.</summary>
    public Device Device => readout.weight!.device;

    /// <summary>Replaces the normalisation (values and buffers), e.g. after loading weights trained on other data.</summary>
    internal void ReplaceNormalization(ChannelNormalization normalization)
    {
        if (!normalization.ChannelNames.SequenceEqual(Layout.ChannelNames, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The normalisation's channels are not those of layout '{Layout.Name}', in order.", nameof(normalization));
        }

        using (torch.no_grad())
        {
            using var mean = torch.tensor(normalization.Mean.Select(v => (float)v).ToArray(), device: Device);
            using var std = torch.tensor(normalization.Std.Select(v => (float)v).ToArray(), device: Device);
            state_mean.copy_(mean);
            state_std.copy_(std);
        }

        _normalization = normalization;
        SetHostNormalization(normalization);
    }

    private void SetHostNormalization(ChannelNormalization normalization)
    {
        _meanHost = normalization.Mean.Select(v => (float)v).ToArray();
        _stdHost = normalization.Std.Select(v => (float)v).ToArray();
    }

    /// <summary>
    /// The plant whose <see cref="IPlant.SampleInitialStates"/> this network uses (for example the plant it learned).
    /// When null, <see cref="SampleInitialStates"/> returns the training data's mean state for every arm.
    /// </summary>
    public IPlant? InitialStateSampler { get; set; }

    /// <summary>The number of hidden-state rows per trajectory: layers for a GRU, twice that for an LSTM (h and c).</summary>
    public int HiddenRows => _options.Layers * (_options.Cell == RecurrentCellKind.Lstm ? 2 : 1);

    /// <summary>Normalises raw states: <c>(x − state_mean) / state_std</c> over the last dimension.</summary>
    public Tensor Normalize(Tensor states)
    {
        ArgumentNullException.ThrowIfNull(states);
        return (states - state_mean) / state_std;
    }

    /// <summary>Back to physical units: <c>x · state_std + state_mean</c> over the last dimension.</summary>
    public Tensor Denormalize(Tensor normalizedStates)
    {
        ArgumentNullException.ThrowIfNull(normalizedStates);
        return (normalizedStates * state_std) + state_mean;
    }

    /// <summary>The initial hidden state <c>[HiddenRows, batch, hidden]</c> for normalised initial states
    /// <c>[batch, state]</c>: <c>tanh(initial_hidden(s0))</c>.</summary>
    public Tensor InitialHidden(Tensor normalizedInitialStates)
    {
        ArgumentNullException.ThrowIfNull(normalizedInitialStates);
        using var scope = torch.NewDisposeScope();
        var batch = normalizedInitialStates.shape[0];
        var h = torch.tanh(initial_hidden.call(normalizedInitialStates))
            .reshape(batch, HiddenRows, _options.HiddenSize)
            .permute(1, 0, 2)
            .contiguous();
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs the recurrent network over a sequence from a given hidden state.
    /// </summary>
    /// <param name="excitations">Excitations <c>[batch, time, muscle]</c>.</param>
    /// <param name="hidden">The hidden state before the first step, <c>[HiddenRows, batch, hidden]</c>.</param>
    /// <param name="normalizedInitialStates">The normalised initial states <c>[batch, state]</c>; used only when
    /// <see cref="ArmNetOptions.FeedInitialStateAsInput"/> is set (may be null otherwise).</param>
    /// <returns>The normalised states at the end of each step <c>[batch, time, state]</c> and the hidden state after
    /// the last step.</returns>
    public (Tensor States, Tensor Hidden) Run(Tensor excitations, Tensor hidden, Tensor? normalizedInitialStates = null)
    {
        ArgumentNullException.ThrowIfNull(excitations);
        ArgumentNullException.ThrowIfNull(hidden);
        using var scope = torch.NewDisposeScope();
        var input = excitations;
        if (_options.FeedInitialStateAsInput)
        {
            if (normalizedInitialStates is null)
            {
                throw new ArgumentNullException(nameof(normalizedInitialStates), "This ArmNet feeds the initial state as an input; pass it.");
            }

            var repeated = normalizedInitialStates.unsqueeze(1).expand(excitations.shape[0], excitations.shape[1], normalizedInitialStates.shape[1]);
            input = torch.cat([excitations, repeated], 2);
        }

        Tensor output;
        Tensor next;
        if (gru is not null)
        {
            // Forward-only calls (evaluation, inference) through ArmRnn's GRU kernel where it applies; training keeps
            // autograd through nn.GRU (docs/torch.md says why).
            (output, next) = GruSequence.UsesOwnKernel(gru, input, hidden)
                ? GruSequence.Run(gru, input, hidden, batchFirst: true)
                : gru.call(input, hidden);
        }
        else
        {
            var layers = _options.Layers;
            var (o, h, c) = lstm!.call(input, (hidden[..layers], hidden[layers..]));
            output = o;
            next = torch.cat([h, c], 0);
        }

        var states = readout.call(output);
        return (states.MoveToOuterDisposeScope(), next.MoveToOuterDisposeScope());
    }

    /// <summary>Predicts normalised states <c>[batch, time, state]</c> from excitations <c>[batch, time, muscle]</c>
    /// and normalised initial states <c>[batch, state]</c> (the training forward pass).</summary>
    public override Tensor forward(Tensor excitations, Tensor normalizedInitialStates)
    {
        ArgumentNullException.ThrowIfNull(excitations);
        ArgumentNullException.ThrowIfNull(normalizedInitialStates);
        using var scope = torch.NewDisposeScope();
        var hidden = InitialHidden(normalizedInitialStates);
        var (states, _) = Run(excitations, hidden, normalizedInitialStates);
        return states.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Predicts whole trajectories in physical units, without gradients, in chunks of <paramref name="chunkSize"/>
    /// trajectories.
    /// </summary>
    /// <param name="initialStates">States at time 0, <c>[batch, 1, state]</c>.</param>
    /// <param name="excitations">Excitations, <c>[batch, time, muscle]</c>.</param>
    /// <param name="chunkSize">Trajectories per forward pass.</param>
    /// <returns>The predicted states at the end of each step, <c>[batch, time, state]</c>.</returns>
    public TrajectoryArray Predict(TrajectoryArray initialStates, TrajectoryArray excitations, int chunkSize = 256)
    {
        ArgumentNullException.ThrowIfNull(initialStates);
        ArgumentNullException.ThrowIfNull(excitations);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (initialStates.BatchSize != excitations.BatchSize || initialStates.Steps != 1 || initialStates.Channels != Layout.Count
            || excitations.Channels != ExcitationNames.Count)
        {
            throw new ArgumentException(
                $"Initial states [{initialStates.BatchSize}, {initialStates.Steps}, {initialStates.Channels}] and excitations [{excitations.BatchSize}, {excitations.Steps}, {excitations.Channels}] do not fit this ArmNet ([b, 1, {Layout.Count}] and [b, t, {ExcitationNames.Count}]).",
                nameof(excitations));
        }

        var result = new TrajectoryArray(excitations.BatchSize, excitations.Steps, Layout.Count);
        var wasTraining = training;
        eval();
        try
        {
            for (var start = 0; start < excitations.BatchSize; start += chunkSize)
            {
                var indices = Enumerable.Range(start, Math.Min(chunkSize, excitations.BatchSize - start)).ToArray();
                using var scope = torch.NewDisposeScope();
                using var noGrad = torch.no_grad();
                var s0 = Normalize(TensorConversions.ToTensor(initialStates.SelectBatch(indices), Device).squeeze(1));
                var e = TensorConversions.ToTensor(excitations.SelectBatch(indices), Device);
                var states = Denormalize(forward(e, s0));
                var chunk = TensorConversions.ToTrajectoryArray(states);
                for (var i = 0; i < indices.Length; i++)
                {
                    chunk.Trajectory(i).CopyTo(result.Trajectory(indices[i]));
                }
            }
        }
        finally
        {
            train(wasTraining);
        }

        return result;
    }

    /// <inheritdoc />
    public void SampleInitialStates(DeterministicRandom random, Span<double> states)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (states.Length == 0 || states.Length % Layout.Count != 0)
        {
            throw new ArgumentException($"Expected a whole number of {Layout.Count}-channel state vectors; got {states.Length} values.", nameof(states));
        }

        if (InitialStateSampler is not null)
        {
            InitialStateSampler.SampleInitialStates(random, states);
            return;
        }

        for (var i = 0; i < states.Length; i++)
        {
            states[i] = _normalization.Mean[i % Layout.Count];
        }
    }

    /// <inheritdoc />
    public void Reset(ReadOnlySpan<double> requestedStates, Span<double> initialStates)
    {
        var n = Layout.Count;
        if (requestedStates.Length == 0 || requestedStates.Length % n != 0)
        {
            throw new ArgumentException($"Expected a whole number of {n}-channel state vectors (at least one); got {requestedStates.Length} values.", nameof(requestedStates));
        }

        if (initialStates.Length != requestedStates.Length)
        {
            throw new ArgumentException($"The initial-state destination has {initialStates.Length} values but {requestedStates.Length} are needed.", nameof(initialStates));
        }

        foreach (var v in requestedStates)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("Requested initial states must be finite.", nameof(requestedStates));
            }
        }

        var batch = requestedStates.Length / n;
        requestedStates.CopyTo(initialStates);
        if (BatchSize != batch)
        {
            _checkedExcitations = new double[batch * ExcitationNames.Count];
            _inputBuffer = new float[batch * ExcitationNames.Count];
            _outputBuffer = new float[batch * n];
        }

        _hidden?.Dispose();
        _initialInput?.Dispose();
        _initialInput = null;
        // A one-layer GRU without the initial state as input steps through a cell sharing its weights, with the
        // hidden state kept as [batch, hidden]; anything else through Run with [layers, batch, hidden].
        var cellPath = gru is not null && _options.Layers == 1 && !_options.FeedInitialStateAsInput;
        if (cellPath)
        {
            _stepCell ??= new GruStepCell(gru!, ExcitationNames.Count, _options.HiddenSize);
            _stepCell.Bind();
        }

        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var s0 = Normalize(TensorConversions.ToTensor(requestedStates, batch, n, Device));
            var h0 = InitialHidden(s0);
            _hidden = (cellPath ? h0.squeeze(0) : h0).DetachFromDisposeScope();
            if (_options.FeedInitialStateAsInput)
            {
                _initialInput = s0.DetachFromDisposeScope();
            }
        }

        // On the CPU with ArmRnn's kernel, steps run on addresses: two persistent hidden-state tensors taking turns and
        // the readout packed here, so a step makes no tensors (docs/torch.md, "ArmRnn's GRU kernel on the CPU").
        _spareHidden?.Dispose();
        _spareHidden = null;
        if (cellPath && _stepCell!.CanStepOnHost && Device.type == DeviceType.CPU)
        {
            _spareHidden = torch.empty_like(_hidden!).DetachFromDisposeScope();
            _hostReadout = PackedLinear.Of(readout, _hostReadout);
        }

        BatchSize = batch;
        _stepThroughCell = cellPath;
        _stepShape = cellPath ? [batch, ExcitationNames.Count] : [batch, 1, ExcitationNames.Count];
        _stepCount = 0;
    }

    /// <inheritdoc />
    public void Step(ReadOnlySpan<double> excitations, Span<double> states)
    {
        if (BatchSize == 0 || _hidden is null)
        {
            throw new InvalidOperationException("Reset ArmNet before stepping it.");
        }

        var m = ExcitationNames.Count;
        if (excitations.Length != BatchSize * m || states.Length != BatchSize * Layout.Count)
        {
            throw new ArgumentException(
                $"Step needs {BatchSize} x {m} excitations and room for {BatchSize} x {Layout.Count} states; got {excitations.Length} and {states.Length}.");
        }

        ExcitationGuard.Apply(excitations, _checkedExcitations, ExcitationNames, ExcitationRangePolicy.Reject, Time);
        for (var i = 0; i < _inputBuffer.Length; i++)
        {
            _inputBuffer[i] = (float)_checkedExcitations[i];
        }

        if (_spareHidden is not null)
        {
            _stepCell!.StepOnHost(BatchSize, _inputBuffer, ref _hidden, ref _spareHidden, _hostReadout!, _outputBuffer);
        }
        else
        {
            StepWithTensors();
        }

        // Denormalise on the host: cheaper than two more tensor operations for one step.
        var n = Layout.Count;
        for (var i = 0; i < _outputBuffer.Length; i++)
        {
            var c = i % n;
            states[i] = (_outputBuffer[i] * _stdHost[c]) + _meanHost[c];
        }

        _stepCount++;
    }

    /// <summary>One step through tensor operations (other devices, LSTMs, several layers, the initial state as
    /// input).</summary>
    private void StepWithTensors()
    {
        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var e = torch.tensor(_inputBuffer, _stepShape, device: Device);
            Tensor y;
            Tensor next;
            if (_stepThroughCell)
            {
                // The common case without the helpers' extra scopes and copies: per-step overhead matters at batch 1.
                next = _stepCell!.Step(e, _hidden!);
                y = readout.call(next);
            }
            else
            {
                (y, next) = Run(e, _hidden!, _initialInput);
            }

            var host = y.device_type == DeviceType.CPU ? y : y.cpu();
            host.data<float>().CopyTo(_outputBuffer);
            _hidden!.Dispose();
            _hidden = next.DetachFromDisposeScope();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hidden?.Dispose();
            _hidden = null;
            _spareHidden?.Dispose();
            _spareHidden = null;
            _initialInput?.Dispose();
            _initialInput = null;
            _stepCell?.Dispose();
            _stepCell = null;
        }

        base.Dispose(disposing);
    }
}
