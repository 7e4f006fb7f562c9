using ArmRnn.Data;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.Excitation;

/// <summary>
/// Smooth random excitations: white noise low-pass filtered to a set bandwidth, then squashed into [Min, Max].
/// </summary>
/// <remarks>
/// <para>For each trajectory b and muscle m, from <c>random.Fork(b).Fork(m)</c>:</para>
/// <list type="number">
/// <item>Draw W + T + W standard normal values, where T is the number of steps and W = ⌈4 / (fc·dt)⌉ warm-up samples
/// (four periods of the cutoff fc).</item>
/// <item>Filter them with a second-order Butterworth low-pass (bilinear transform, pre-warped to fc) forward, then
/// backward: zero phase, magnitude response |H|² ≈ 1 / (1 + (f/fc)⁴), i.e. −6 dB at fc and falling at 80 dB
/// per decade (the bilinear transform attenuates further near the Nyquist frequency).</item>
/// <item>Keep the middle T samples: the W samples on each side absorb the filters' start-up transients (they decay
/// by e^(−17) over four periods), so the kept signal is unbiased and stationary from the first step.</item>
/// <item>Divide by the theoretical standard deviation of the filtered noise (computed from the filter's impulse
/// response), so z has unit variance in expectation; the same scale is used for every trajectory, so trajectories
/// keep their natural random means and spreads.</item>
/// <item>Map to Min + (Max − Min)·σ(k·z), with σ the logistic function and k = Steepness: smooth and monotone, it
/// never clips flat. A final clamp to [Min, Max] only removes floating-point rounding.</item>
/// </list>
/// <para>The squashing is mildly non-linear, so a little power appears above the filter band (harmonics of large
/// excursions). Allocates one buffer per call to <see cref="Generate"/>.</para>
/// </remarks>
public sealed class SmoothRandomExcitation : IExcitationGenerator
{
    /// <summary>Warm-up on each side, in periods of the cutoff frequency.</summary>
    private const double WarmUpPeriods = 4.0;

    /// <summary>Impulse-response length for the noise scale, in periods of the cutoff frequency.</summary>
    private const double ImpulseResponsePeriods = 20.0;

    private readonly SmoothRandomExcitationOptions _options;

    /// <summary>Creates the generator.</summary>
    /// <param name="options">Parameters (copied); the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, its value and the allowed range.</exception>
    public SmoothRandomExcitation(SmoothRandomExcitationOptions? options = null)
    {
        _options = (options ?? new SmoothRandomExcitationOptions()).Clone().EnsureValid();
    }

    /// <summary>The parameters (a copy; changing it does not affect the generator).</summary>
    public SmoothRandomExcitationOptions Options => _options.Clone();

    /// <inheritdoc />
    public string Description =>
        $"smooth random: white noise, 2nd-order Butterworth low-pass at {ExcitationGeneratorChecks.Format(_options.CutoffFrequency)} Hz forward-backward, logistic (steepness {ExcitationGeneratorChecks.Format(_options.Steepness)}) into [{ExcitationGeneratorChecks.Format(_options.Min)}, {ExcitationGeneratorChecks.Format(_options.Max)}]";

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The cutoff is not below the Nyquist frequency of <paramref name="dt"/>.</exception>
    public void Generate(TrajectoryArray excitations, double dt, DeterministicRandom random)
    {
        ExcitationGeneratorChecks.CheckArguments(excitations, dt, random);
        ExcitationGeneratorChecks.CheckBelowNyquist(nameof(SmoothRandomExcitation), nameof(_options.CutoffFrequency), _options.CutoffFrequency, dt);
        var steps = excitations.Steps;
        var muscles = excitations.Channels;
        if (steps == 0 || muscles == 0)
        {
            return;
        }

        var samplesPerPeriod = 1.0 / (_options.CutoffFrequency * dt);
        var warmUp = (int)Math.Ceiling(WarmUpPeriods * samplesPerPeriod);
        var filter = new ButterworthLowPass(_options.CutoffFrequency, dt);
        var scale = 1.0 / filter.ZeroPhaseNoiseStandardDeviation((int)Math.Ceiling(ImpulseResponsePeriods * samplesPerPeriod) + 16);
        var min = _options.Min;
        var range = _options.Max - _options.Min;
        var steepness = _options.Steepness;
        var buffer = new double[steps + (2 * warmUp)];
        var kept = buffer.AsSpan(warmUp, steps);
        for (var b = 0; b < excitations.BatchSize; b++)
        {
            var trial = random.Fork((ulong)b);
            var trajectory = excitations.Trajectory(b);
            for (var m = 0; m < muscles; m++)
            {
                var stream = trial.Fork((ulong)m);
                for (var i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = stream.NextNormal();
                }

                filter.Forward(buffer);
                filter.Backward(buffer);
                for (var t = 0; t < steps; t++)
                {
                    var z = kept[t] * scale;
                    var value = min + (range / (1.0 + Math.Exp(-steepness * z)));
                    trajectory[(t * muscles) + m] = Math.Clamp(value, _options.Min, _options.Max);
                }
            }
        }
    }
}
