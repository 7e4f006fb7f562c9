using System.Globalization;
using ArmRnn.Abstractions;
using ArmRnn.Excitation;
using ArmRnn.Layouts;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.OpenSim.Native;

/// <summary>
/// A model simulated by a native engine (OpenSim or MuJoCo) through <c>libarmrnn_plant</c>'s C ABI, as a batched
/// <see cref="IPlant"/>. The engine defines the channels: the OpenSim engine reports the managed engine's channels
/// (coordinates, markers, seven per muscle); the MuJoCo engine reports joint angles and speeds, activations, actuator
/// forces and lengths, tendon lengths and site positions. <see cref="NativePlantOptions.Channels"/> selects a subset.
/// </summary>
/// <remarks>
/// <para><b>Lifetime.</b> A plant owns one native object; <see cref="Dispose"/> releases it at once (calling it again
/// does nothing). After it, the metadata (<see cref="Layout"/>, <see cref="ExcitationNames"/>, <see cref="Dt"/>)
/// stays readable and every other member throws <see cref="ObjectDisposedException"/>.</para>
/// <para><b>Threads.</b> Like every plant, an instance is used by one thread at a time. Separate instances are
/// independent and may run on separate threads at once: the native library shares no mutable state between plants
/// (it only serialises model loading), and each engine's state lives in its plant. A plant steps its arms on the
/// calling thread; for parallelism, step several plants on several threads. Disposing a plant while another thread
/// is inside one of its calls is safe: the native object lives until that call returns.</para>
/// <para><b>Errors.</b> Native failures surface with the native library's message: invalid arguments as
/// <see cref="ArgumentException"/>, everything else as <see cref="NativePlantException"/>. A missing library is a
/// <see cref="DllNotFoundException"/> that says how to build one. After a failed step, reset the plant.</para>
/// </remarks>
public sealed class NativePlant : IPlant, IDisposable
{
    private readonly NativePlantOptions _options;
    private readonly NativePlantHandle _handle;
    private readonly int _engineChannels;
    private readonly double[] _engineDefault;
    private readonly int[]? _selection;
    private readonly NativeChannelFlags[] _flags;
    private readonly double[] _rangeMin;
    private readonly double[] _rangeMax;
    private readonly double[] _postureCentre;
    private double[] _excitations = [];
    private double[] _engineRequested = [];
    private double[] _engineStates = [];
    private long _stepCount;

    /// <summary>Loads the native library (once per process) and opens the model with the engine.</summary>
    /// <param name="options">Engine, model and library settings (copied).</param>
    /// <exception cref="ArgumentException">Invalid options, a channel the engine does not report, or settings the
    /// engine rejected (the message is the engine's).</exception>
    /// <exception cref="DllNotFoundException">The native library could not be found or loaded.</exception>
    /// <exception cref="NativePlantException">The model could not be opened, or the library lacks the engine.</exception>
    public NativePlant(NativePlantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone().EnsureValid();
        LibraryPath = NativePlantLibrary.Load(_options.LibraryPath);
        var status = NativeMethods.armrnn_plant_open(EngineName(_options.Engine), _options.ModelPath!, _options.Accuracy,
            _options.ControlStep, _options.IntegrationStep, out var handle);
        if (status != (int)NativeStatus.Ok)
        {
            handle.Dispose();
            NativeMethods.Check(status);
        }

        _handle = handle;
        try
        {
            NativeMethods.Check(NativeMethods.armrnn_plant_control_step(_handle, out var dt));
            Dt = dt;
            ExcitationNames = ReadExcitationNames();
            var (engineLayout, engineFlags, engineMin, engineMax) = ReadChannels();
            _engineChannels = engineLayout.Count;
            _engineDefault = new double[_engineChannels];
            ReadDefaultState(_engineDefault);
            _selection = _options.Channels is null ? null : Select(engineLayout, _options.Channels);
            var selected = _selection ?? [.. Enumerable.Range(0, _engineChannels)];
            Layout = SharedLayout(_selection is null ? engineLayout
                : new StateLayout($"{engineLayout.Name}:selected", selected.Select(i => engineLayout[i])));
            _flags = [.. selected.Select(i => engineFlags[i])];
            _rangeMin = [.. selected.Select(i => engineMin[i])];
            _rangeMax = [.. selected.Select(i => engineMax[i])];
            _postureCentre = PostureCentres();
            EngineStateChannels = ChannelsWith(NativeChannelFlags.State);
            ResetInputChannels = ChannelsWith(NativeChannelFlags.ResetInput);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    /// <summary>The engine simulating the model.</summary>
    public NativeEngine Engine => _options.Engine;

    /// <summary>The model file.</summary>
    public string ModelPath => _options.ModelPath!;

    /// <summary>The native library in use (its full path, or the bare name found on the system's search path).</summary>
    public string LibraryPath { get; }

    /// <inheritdoc />
    public StateLayout Layout { get; }

    /// <summary>The names of the engine's own state variables among <see cref="Layout"/>'s channels (OpenSim:
    /// coordinate values and speeds, activations and fiber lengths; MuJoCo: qpos, qvel, act), in layout order.</summary>
    public IReadOnlyList<string> EngineStateChannels { get; }

    /// <summary>The names of the channels of <see cref="Layout"/> that <see cref="Reset"/> reads from the requested
    /// states, in layout order (the engine makes the others consistent; reset inputs not selected start at their
    /// default).</summary>
    public IReadOnlyList<string> ResetInputChannels { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ExcitationNames { get; }

    /// <inheritdoc />
    public double Dt { get; }

    /// <inheritdoc />
    public int BatchSize { get; private set; }

    /// <inheritdoc />
    public double Time
    {
        get
        {
            ThrowIfDisposed();
            return _stepCount * Dt;
        }
    }

    /// <summary>The model's default state (its default pose at rest, made consistent by the engine), in
    /// <see cref="Layout"/>: a copy.</summary>
    public double[] DefaultState
    {
        get
        {
            ThrowIfDisposed();
            var state = new double[Layout.Count];
            Project(_engineDefault, state);
            return state;
        }
    }

    /// <summary>What channel <paramref name="index"/> of <see cref="Layout"/> is (state variable, reset input).</summary>
    public NativeChannelFlags ChannelFlags(int index) => _flags[index];

    /// <summary>The ABI version of the native library (loaded as <see cref="NativePlantOptions.LibraryPath"/>
    /// describes, if not loaded yet).</summary>
    /// <exception cref="DllNotFoundException">No native library could be loaded.</exception>
    public static int LibraryAbiVersion(string? libraryPath = null)
    {
        NativePlantLibrary.Load(libraryPath);
        return NativeMethods.armrnn_abi_version();
    }

    /// <summary>Whether the native library (loaded as <see cref="NativePlantOptions.LibraryPath"/> describes, if not
    /// loaded yet) was built with <paramref name="engine"/>.</summary>
    /// <exception cref="DllNotFoundException">No native library could be loaded.</exception>
    public static bool IsEngineAvailable(NativeEngine engine, string? libraryPath = null)
    {
        NativePlantLibrary.Load(libraryPath);
        NativeMethods.Check(NativeMethods.armrnn_engine_available(EngineName(engine), out var available));
        return available != 0;
    }

    /// <summary>Draws starting states: each arm starts from the default state, with every limited joint angle drawn
    /// uniformly from <see cref="NativePlantOptions.InitialPostureRangeFraction"/> of its range centred on
    /// <see cref="NativePlantOptions.InitialPosture"/> (or the middle of the range) and every
    /// activation set to <see cref="NativePlantOptions.InitialActivation"/> (clamped to its range).</summary>
    /// <param name="random">The source of randomness; arm <c>b</c> draws from its own fork.</param>
    /// <param name="states">Destination, <c>[batch, channel]</c>.</param>
    public void SampleInitialStates(DeterministicRandom random, Span<double> states)
    {
        ArgumentNullException.ThrowIfNull(random);
        ThrowIfDisposed();
        var batch = BatchOf(states.Length, nameof(states));
        var c = Layout.Count;
        for (var b = 0; b < batch; b++)
        {
            var arm = random.Fork((ulong)b);
            var state = states.Slice(b * c, c);
            Project(_engineDefault, state);
            for (var i = 0; i < c; i++)
            {
                if ((_flags[i] & NativeChannelFlags.ResetInput) == 0)
                {
                    continue;
                }

                var group = Layout[i].Group;
                var bounded = double.IsFinite(_rangeMin[i]) && double.IsFinite(_rangeMax[i]);
                if (group == ChannelGroup.JointAngle && bounded)
                {
                    var centre = _postureCentre[i];
                    var half = 0.5 * (_rangeMax[i] - _rangeMin[i]) * _options.InitialPostureRangeFraction;
                    state[i] = arm.Uniform(centre - half, centre + half);
                }
                else if (group == ChannelGroup.JointAngle && double.IsFinite(_postureCentre[i]))
                {
                    // An unlimited joint named in InitialPosture starts there.
                    state[i] = _postureCentre[i];
                }
                else if (group == ChannelGroup.Activation)
                {
                    state[i] = bounded ? Math.Clamp(_options.InitialActivation, _rangeMin[i], _rangeMax[i]) : _options.InitialActivation;
                }
            }
        }
    }

    /// <inheritdoc />
    public unsafe void Reset(ReadOnlySpan<double> requestedStates, Span<double> initialStates)
    {
        ThrowIfDisposed();
        var batch = BatchOf(requestedStates.Length, nameof(requestedStates));
        if (initialStates.Length != requestedStates.Length)
        {
            throw new ArgumentException(
                $"The initial-state destination has {initialStates.Length} values but {requestedStates.Length} are needed.", nameof(initialStates));
        }

        BatchSize = 0;
        _stepCount = 0;
        if (_selection is null)
        {
            fixed (double* requested = requestedStates)
            fixed (double* initial = initialStates)
            {
                NativeMethods.Check(NativeMethods.armrnn_plant_reset(_handle, batch, requested, requestedStates.Length, initial, initialStates.Length));
            }
        }
        else
        {
            EnsureEngineBuffers(batch);
            for (var b = 0; b < batch; b++)
            {
                var engineState = _engineRequested.AsSpan(b * _engineChannels, _engineChannels);
                _engineDefault.CopyTo(engineState);
                var requested = requestedStates.Slice(b * Layout.Count, Layout.Count);
                for (var i = 0; i < _selection.Length; i++)
                {
                    engineState[_selection[i]] = requested[i];
                }
            }

            fixed (double* requested = _engineRequested)
            fixed (double* initial = _engineStates)
            {
                NativeMethods.Check(NativeMethods.armrnn_plant_reset(_handle, batch, requested, _engineRequested.Length, initial, _engineStates.Length));
            }

            ProjectBatch(_engineStates, initialStates, batch);
        }

        BatchSize = batch;
        if (_excitations.Length != batch * ExcitationNames.Count)
        {
            _excitations = new double[batch * ExcitationNames.Count];
        }
    }

    /// <inheritdoc />
    /// <exception cref="NativePlantException">The engine failed (reset the plant before the next step).</exception>
    public unsafe void Step(ReadOnlySpan<double> excitations, Span<double> states)
    {
        ThrowIfDisposed();
        if (BatchSize == 0)
        {
            throw new InvalidOperationException("Reset the plant before stepping it.");
        }

        // Excitations of the right shape are checked (or clamped) here, with the same messages as every plant; any
        // other shape goes to the library as it is, which rejects it with a message that gives both counts.
        var checkedExcitations = excitations;
        if (excitations.Length == _excitations.Length)
        {
            ExcitationGuard.Apply(excitations, _excitations, ExcitationNames, _options.ExcitationRangePolicy, Time);
            checkedExcitations = _excitations;
        }

        if (_selection is not null && states.Length != BatchSize * Layout.Count)
        {
            throw new ArgumentException(
                $"The state destination holds {states.Length} values; {BatchSize} arms x {Layout.Count} channels are needed.", nameof(states));
        }

        var destination = _selection is null ? states : _engineStates;
        int status;
        fixed (double* e = checkedExcitations)
        fixed (double* s = destination)
        {
            status = NativeMethods.armrnn_plant_step(_handle, e, checkedExcitations.Length, s, destination.Length);
        }

        if (status is (int)NativeStatus.Simulation or (int)NativeStatus.Internal)
        {
            BatchSize = 0;
        }

        NativeMethods.Check(status);
        _stepCount++;
        if (_selection is not null)
        {
            ProjectBatch(_engineStates, states, BatchSize);
        }
    }

    /// <summary>Copies the current states, <c>[batch, channel]</c>, into <paramref name="states"/>.</summary>
    /// <exception cref="ArgumentException">The destination is not <see cref="BatchSize"/> state vectors long.</exception>
    public unsafe void ReadStates(Span<double> states)
    {
        ThrowIfDisposed();
        if (states.Length != BatchSize * Layout.Count)
        {
            throw new ArgumentException(
                $"The state destination holds {states.Length} values; {BatchSize} arms x {Layout.Count} channels are needed.", nameof(states));
        }

        var destination = _selection is null ? states : _engineStates.AsSpan(0, BatchSize * _engineChannels);
        fixed (double* s = destination)
        {
            NativeMethods.Check(NativeMethods.armrnn_plant_read_states(_handle, s, destination.Length));
        }

        if (_selection is not null)
        {
            ProjectBatch(_engineStates, states, BatchSize);
        }
    }

    /// <summary>Releases the native plant. Safe to call more than once.</summary>
    public void Dispose() => _handle.Dispose();

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"NativePlant({Engine}, {ModelPath}, {Layout.Count} channels, {ExcitationNames.Count} excitations)");

    private static string EngineName(NativeEngine engine) => engine switch
    {
        NativeEngine.OpenSim => "opensim",
        NativeEngine.MuJoCo => "mujoco",
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown native engine."),
    };

    // OpenSim's Arm26 with the hand marker has exactly the managed engine's 49 channels: share that layout, so
    // everything written for Arm26 (networks, tasks, files) recognises it.
    private static StateLayout SharedLayout(StateLayout layout) =>
        layout.Channels.SequenceEqual(Arm26Layout.Full.Channels) ? Arm26Layout.Full : layout;

    private static int[] Select(StateLayout engineLayout, IReadOnlyList<string> names)
    {
        var indices = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            if (!engineLayout.TryIndexOf(names[i], out indices[i]))
            {
                try
                {
                    engineLayout.IndexOf(names[i]);
                }
                catch (KeyNotFoundException missing)
                {
                    throw new ArgumentException($"{nameof(NativePlantOptions)}.{nameof(NativePlantOptions.Channels)}: {missing.Message}", missing);
                }
            }
        }

        if (indices.Distinct().Count() != indices.Length)
        {
            throw new ArgumentException($"{nameof(NativePlantOptions)}.{nameof(NativePlantOptions.Channels)} names a channel twice.");
        }

        return indices;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_handle.IsClosed, this);

    private void EnsureEngineBuffers(int batch)
    {
        if (_engineStates.Length != batch * _engineChannels)
        {
            _engineStates = new double[batch * _engineChannels];
            _engineRequested = new double[batch * _engineChannels];
        }
    }

    private void Project(ReadOnlySpan<double> engineState, Span<double> state)
    {
        if (_selection is null)
        {
            engineState.CopyTo(state);
            return;
        }

        for (var i = 0; i < _selection.Length; i++)
        {
            state[i] = engineState[_selection[i]];
        }
    }

    private void ProjectBatch(ReadOnlySpan<double> engineStates, Span<double> states, int batch)
    {
        for (var b = 0; b < batch; b++)
        {
            Project(engineStates.Slice(b * _engineChannels, _engineChannels), states.Slice(b * Layout.Count, Layout.Count));
        }
    }

    private string[] ReadExcitationNames()
    {
        NativeMethods.Check(NativeMethods.armrnn_plant_excitation_count(_handle, out var count));
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            NativeMethods.Check(NativeMethods.armrnn_plant_excitation_name(_handle, i, out var name));
            names[i] = NativeMethods.String(name);
        }

        return names;
    }

    private (StateLayout Layout, NativeChannelFlags[] Flags, double[] Min, double[] Max) ReadChannels()
    {
        NativeMethods.Check(NativeMethods.armrnn_plant_channel_count(_handle, out var count));
        var channels = new StateChannel[count];
        var flags = new NativeChannelFlags[count];
        var min = new double[count];
        var max = new double[count];
        for (var i = 0; i < count; i++)
        {
            NativeMethods.Check(NativeMethods.armrnn_plant_channel(_handle, i, out var name, out var unit, out var group, out var element));
            NativeMethods.Check(NativeMethods.armrnn_plant_channel_flags(_handle, i, out var channelFlags, out min[i], out max[i]));
            channels[i] = new StateChannel(NativeMethods.String(name), NativeMethods.String(unit), new ChannelGroup(NativeMethods.String(group)),
                NativeMethods.String(element));
            flags[i] = (NativeChannelFlags)channelFlags;
        }

        var layout = new StateLayout($"{EngineName(_options.Engine)}:{Path.GetFileNameWithoutExtension(_options.ModelPath)}", channels);
        return (layout, flags, min, max);
    }

    private unsafe void ReadDefaultState(double[] destination)
    {
        fixed (double* s = destination)
        {
            NativeMethods.Check(NativeMethods.armrnn_plant_default_state(_handle, s, destination.Length));
        }
    }

    /// <summary>The centre of each channel's sampled range: <see cref="NativePlantOptions.InitialPosture"/>'s value for
    /// the joint angles it names, the middle of the range elsewhere.</summary>
    private double[] PostureCentres()
    {
        var centres = Enumerable.Range(0, Layout.Count).Select(i => 0.5 * (_rangeMin[i] + _rangeMax[i])).ToArray();
        foreach (var (name, value) in _options.InitialPosture ?? new Dictionary<string, double>())
        {
            if (!Layout.TryIndexOf(name, out var index) || Layout[index].Group != ChannelGroup.JointAngle || (_flags[index] & NativeChannelFlags.ResetInput) == 0)
            {
                var angles = Layout.ChannelNames.Where((_, i) => Layout[i].Group == ChannelGroup.JointAngle && (_flags[i] & NativeChannelFlags.ResetInput) != 0);
                throw new ArgumentException(
                    $"{nameof(NativePlantOptions.InitialPosture)} names '{name}', which is not a joint angle of {ModelPath}'s layout; its joint angles are [{string.Join(", ", angles)}].",
                    nameof(NativePlantOptions.InitialPosture));
            }

            centres[index] = value;
        }

        return centres;
    }

    private string[] ChannelsWith(NativeChannelFlags flag) => [.. Layout.ChannelNames.Where((_, i) => (_flags[i] & flag) != 0)];

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
