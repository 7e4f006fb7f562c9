using ArmRnn.Data;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.Excitation;

/// <summary>
/// Each muscle's excitation is a sum of K sinusoids with random frequencies, phases and amplitudes, centred in
/// [Min, Max] and scaled so that it can never leave it.
/// </summary>
/// <remarks>
/// For each trajectory b and muscle m, from <c>random.Fork(b).Fork(m)</c>, draw for k = 1..K in turn a frequency
/// f_k uniform in [MinFrequency, MaxFrequency], a phase φ_k uniform in [0, 2π) and an amplitude a_k uniform in
/// [0.25, 1). Step t (time t·dt, its start) gets
/// (Min + Max)/2 + (Max − Min)/2 · Σ a_k sin(2π f_k t·dt + φ_k) / Σ a_k. The normalised sum lies in [−1, 1], so
/// the bounds hold for any length; typical excursions use part of the range. A trajectory is a prefix of any
/// longer one from the same seed.
/// </remarks>
public sealed class SumOfSinusoidsExcitation : IExcitationGenerator
{
    /// <summary>Smallest relative amplitude of a component (so that no component is negligible).</summary>
    private const double MinAmplitude = 0.25;

    private readonly SumOfSinusoidsExcitationOptions _options;

    /// <summary>Creates the generator.</summary>
    /// <param name="options">Parameters (copied); the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, its value and the allowed range.</exception>
    public SumOfSinusoidsExcitation(SumOfSinusoidsExcitationOptions? options = null)
    {
        _options = (options ?? new SumOfSinusoidsExcitationOptions()).Clone().EnsureValid();
    }

    /// <summary>The parameters (a copy; changing it does not affect the generator).</summary>
    public SumOfSinusoidsExcitationOptions Options => _options.Clone();

    /// <inheritdoc />
    public string Description =>
        $"sum of {_options.ComponentCount} sinusoids per muscle: {ExcitationGeneratorChecks.Format(_options.MinFrequency)} to {ExcitationGeneratorChecks.Format(_options.MaxFrequency)} Hz, random phases and amplitudes, within [{ExcitationGeneratorChecks.Format(_options.Min)}, {ExcitationGeneratorChecks.Format(_options.Max)}]";

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The highest frequency is not below the Nyquist frequency of <paramref name="dt"/>.</exception>
    public void Generate(TrajectoryArray excitations, double dt, DeterministicRandom random)
    {
        ExcitationGeneratorChecks.CheckArguments(excitations, dt, random);
        ExcitationGeneratorChecks.CheckBelowNyquist(nameof(SumOfSinusoidsExcitation), nameof(_options.MaxFrequency), _options.MaxFrequency, dt);
        var steps = excitations.Steps;
        var muscles = excitations.Channels;
        var count = _options.ComponentCount;
        var omega = new double[count];
        var phase = new double[count];
        var amplitude = new double[count];
        var centre = 0.5 * (_options.Min + _options.Max);
        var halfRange = 0.5 * (_options.Max - _options.Min);
        for (var b = 0; b < excitations.BatchSize; b++)
        {
            var trial = random.Fork((ulong)b);
            var trajectory = excitations.Trajectory(b);
            for (var m = 0; m < muscles; m++)
            {
                var stream = trial.Fork((ulong)m);
                var total = 0.0;
                for (var k = 0; k < count; k++)
                {
                    omega[k] = 2 * Math.PI * stream.Uniform(_options.MinFrequency, _options.MaxFrequency);
                    phase[k] = stream.Uniform(0, 2 * Math.PI);
                    amplitude[k] = stream.Uniform(MinAmplitude, 1.0);
                    total += amplitude[k];
                }

                for (var t = 0; t < steps; t++)
                {
                    var time = t * dt;
                    var sum = 0.0;
                    for (var k = 0; k < count; k++)
                    {
                        sum += amplitude[k] * Math.Sin((omega[k] * time) + phase[k]);
                    }

                    var value = centre + (halfRange * sum / total);
                    trajectory[(t * muscles) + m] = Math.Clamp(value, _options.Min, _options.Max);
                }
            }
        }
    }
}
