using System.Globalization;
using ArmRnn.Abstractions;
using ArmRnn.Excitation;
using ArmRnn.Layouts;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.Plants;

/// <summary>
/// A linear test plant with an exact solution: a point mass in the x-y plane on a spring (towards the origin) and
/// a damper, pulled by <c>M</c> muscles. Muscle k pulls with force <c>F·a_k</c> along angle <c>2πk/M</c>; its
/// activation follows <c>da_k/dt = (e_k − a_k)/τ</c>. State: <c>position_x, position_y, velocity_x, velocity_y,
/// muscle_k/activation</c>.
/// </summary>
/// <remarks>
/// Because the system is linear and excitations are held over a step, each step is the exact zero-order-hold
/// discretisation <c>s' = Φ s + Γ e</c>, with Φ and Γ from the matrix exponential of the augmented system. It is
/// cheap, deterministic and has closed-form trajectories, so it drives the tests of loops, datasets and
/// networks, and it is a template for user plants.
/// </remarks>
public sealed class PointMassPlant : IPlant
{
    private readonly PointMassPlantOptions _options;
    private readonly double[] _phi;
    private readonly double[] _gamma;
    private readonly int _n;
    private readonly int _m;
    private double[] _state = [];
    private double[] _excitations = [];
    private long _stepCount;

    /// <summary>Creates the plant.</summary>
    /// <param name="dt">Control step (s).</param>
    /// <param name="options">Parameters (copied); defaults when null.</param>
    /// <exception cref="ArgumentException">An option or <paramref name="dt"/> is invalid.</exception>
    public PointMassPlant(double dt = 0.01, PointMassPlantOptions? options = null)
    {
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The control step must be a positive, finite number of seconds.");
        }

        _options = (options ?? new PointMassPlantOptions()).Clone().EnsureValid();
        Dt = dt;
        _m = _options.MuscleCount;
        _n = 4 + _m;
        ExcitationNames = [.. Enumerable.Range(0, _m).Select(MuscleName)];
        Layout = CreateLayout(_m);
        (_phi, _gamma) = Discretise(_options, dt);
    }

    /// <summary>The hand channels of this plant (position x and y; it is planar).</summary>
    public static HandChannels Hand { get; } = new("position_x", "position_y", null);

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

    /// <summary>The unit pull direction (x, y) of muscle <paramref name="muscle"/>.</summary>
    public (double X, double Y) PullDirection(int muscle)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(muscle);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(muscle, _m);
        var angle = 2 * Math.PI * muscle / _m;
        return (Math.Cos(angle), Math.Sin(angle));
    }

    /// <summary>The plant's parameters (a copy).</summary>
    public PointMassPlantOptions Options => _options.Clone();

    /// <inheritdoc />
    public void SampleInitialStates(DeterministicRandom random, Span<double> states)
    {
        ArgumentNullException.ThrowIfNull(random);
        var batch = BatchOf(states.Length, nameof(states));
        states.Clear();
        for (var b = 0; b < batch; b++)
        {
            var arm = random.Fork((ulong)b);
            // Area-uniform in the disc: radius ∝ sqrt(u).
            var radius = _options.InitialPositionRadius * Math.Sqrt(arm.NextDouble());
            var angle = 2 * Math.PI * arm.NextDouble();
            states[b * _n] = radius * Math.Cos(angle);
            states[(b * _n) + 1] = radius * Math.Sin(angle);
        }
    }

    /// <inheritdoc />
    public void Reset(ReadOnlySpan<double> requestedStates, Span<double> initialStates)
    {
        var batch = BatchOf(requestedStates.Length, nameof(requestedStates));
        if (initialStates.Length != requestedStates.Length)
        {
            throw new ArgumentException(
                $"The initial-state destination has {initialStates.Length} values but {requestedStates.Length} are needed.",
                nameof(initialStates));
        }

        for (var i = 0; i < requestedStates.Length; i++)
        {
            var value = requestedStates[i];
            var channel = i % _n;
            if (!double.IsFinite(value) || (channel >= 4 && value is < 0 or > 1))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Requested initial state of arm {i / _n}, channel '{Layout[channel].Name}', is {value}; ") +
                    (channel >= 4 ? "activations must be in [0, 1]." : "it must be finite."),
                    nameof(requestedStates));
            }
        }

        if (_state.Length != requestedStates.Length)
        {
            _state = new double[requestedStates.Length];
            _excitations = new double[batch * _m];
        }

        requestedStates.CopyTo(_state);
        _state.CopyTo(initialStates);
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

        if (excitations.Length != BatchSize * _m || states.Length != BatchSize * _n)
        {
            throw new ArgumentException(
                $"Step needs {BatchSize} x {_m} excitations and room for {BatchSize} x {_n} states; got {excitations.Length} and {states.Length}.");
        }

        ExcitationGuard.Apply(excitations, _excitations, ExcitationNames, _options.ExcitationRangePolicy, Time);
        Span<double> next = stackalloc double[_n];
        for (var b = 0; b < BatchSize; b++)
        {
            var s = _state.AsSpan(b * _n, _n);
            var e = _excitations.AsSpan(b * _m, _m);
            for (var i = 0; i < _n; i++)
            {
                var sum = 0.0;
                var phiRow = _phi.AsSpan(i * _n, _n);
                for (var j = 0; j < _n; j++)
                {
                    sum += phiRow[j] * s[j];
                }

                var gammaRow = _gamma.AsSpan(i * _m, _m);
                for (var k = 0; k < _m; k++)
                {
                    sum += gammaRow[k] * e[k];
                }

                next[i] = sum;
            }

            next.CopyTo(s);
        }

        _stepCount++;
        _state.CopyTo(states);
    }

    private int BatchOf(int length, string parameterName)
    {
        if (length == 0 || length % _n != 0)
        {
            throw new ArgumentException(
                $"Expected a whole number of {_n}-channel state vectors (at least one); got {length} values.", parameterName);
        }

        return length / _n;
    }

    private static string MuscleName(int k) => string.Create(CultureInfo.InvariantCulture, $"muscle_{k}");

    private static StateLayout CreateLayout(int muscles)
    {
        var channels = new List<StateChannel>
        {
            new("position_x", "m", ChannelGroup.HandPosition, "mass"),
            new("position_y", "m", ChannelGroup.HandPosition, "mass"),
            new("velocity_x", "m/s", ChannelGroup.HandVelocity, "mass"),
            new("velocity_y", "m/s", ChannelGroup.HandVelocity, "mass"),
        };
        for (var k = 0; k < muscles; k++)
        {
            channels.Add(new($"{MuscleName(k)}/activation", "1", ChannelGroup.Activation, MuscleName(k)));
        }

        return new StateLayout(string.Create(CultureInfo.InvariantCulture, $"pointmass-{muscles}"), channels);
    }

    private static (double[] Phi, double[] Gamma) Discretise(PointMassPlantOptions o, double dt)
    {
        var m = o.MuscleCount;
        var n = 4 + m;
        var size = n + m;
        var augmented = new double[size * size];
        void Set(int row, int column, double value) => augmented[(row * size) + column] = value * dt;

        Set(0, 2, 1.0);
        Set(1, 3, 1.0);
        Set(2, 0, -o.Stiffness / o.Mass);
        Set(3, 1, -o.Stiffness / o.Mass);
        Set(2, 2, -o.Damping / o.Mass);
        Set(3, 3, -o.Damping / o.Mass);
        for (var k = 0; k < m; k++)
        {
            var angle = 2 * Math.PI * k / m;
            Set(2, 4 + k, o.MaxForce * Math.Cos(angle) / o.Mass);
            Set(3, 4 + k, o.MaxForce * Math.Sin(angle) / o.Mass);
            Set(4 + k, 4 + k, -1.0 / o.ActivationTimeConstant);
            Set(4 + k, n + k, 1.0 / o.ActivationTimeConstant);
        }

        var exp = MatrixExponential.Compute(augmented, size);
        var phi = new double[n * n];
        var gamma = new double[n * m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                phi[(i * n) + j] = exp[(i * size) + j];
            }

            for (var k = 0; k < m; k++)
            {
                gamma[(i * m) + k] = exp[(i * size) + n + k];
            }
        }

        return (phi, gamma);
    }
}
