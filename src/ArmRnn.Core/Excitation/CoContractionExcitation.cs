using ArmRnn.Data;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.Excitation;

/// <summary>
/// Co-contraction: every muscle gets the same baseline level (stiffening the arm without a net torque, to first
/// order), optionally with a small constant per-muscle offset and a slow ramp between two levels.
/// </summary>
/// <remarks>
/// For each trajectory b, from <c>random.Fork(b)</c>, in this order: the level L0 uniform in [Min, Max]; when
/// <see cref="CoContractionExcitationOptions.Ramp"/> is set, a second level L1 uniform in [Min, Max]; when
/// <see cref="CoContractionExcitationOptions.Jitter"/> J &gt; 0, one offset j_m uniform in [−J, J) per muscle, in
/// muscle order. The baseline at step t of T is L0 without a ramp, and L0 + (L1 − L0)·t/(T − 1) with one (L0 when
/// T = 1). Muscle m gets clamp(baseline + j_m, Min, Max); the clamp only matters with jitter near the bounds.
/// </remarks>
public sealed class CoContractionExcitation : IExcitationGenerator
{
    private readonly CoContractionExcitationOptions _options;

    /// <summary>Creates the generator.</summary>
    /// <param name="options">Parameters (copied); the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, its value and the allowed range.</exception>
    public CoContractionExcitation(CoContractionExcitationOptions? options = null)
    {
        _options = (options ?? new CoContractionExcitationOptions()).Clone().EnsureValid();
    }

    /// <summary>The parameters (a copy; changing it does not affect the generator).</summary>
    public CoContractionExcitationOptions Options => _options.Clone();

    /// <inheritdoc />
    public string Description =>
        $"co-contraction: common level uniform in [{ExcitationGeneratorChecks.Format(_options.Min)}, {ExcitationGeneratorChecks.Format(_options.Max)}], per-muscle jitter ±{ExcitationGeneratorChecks.Format(_options.Jitter)}, {(_options.Ramp ? "linear ramp to a second level" : "constant")}";

    /// <inheritdoc />
    public void Generate(TrajectoryArray excitations, double dt, DeterministicRandom random)
    {
        ExcitationGeneratorChecks.CheckArguments(excitations, dt, random);
        var steps = excitations.Steps;
        var muscles = excitations.Channels;
        var offsets = new double[muscles];
        for (var b = 0; b < excitations.BatchSize; b++)
        {
            var stream = random.Fork((ulong)b);
            var first = stream.Uniform(_options.Min, _options.Max);
            var last = _options.Ramp ? stream.Uniform(_options.Min, _options.Max) : first;
            for (var m = 0; m < muscles; m++)
            {
                offsets[m] = _options.Jitter > 0 ? stream.Uniform(-_options.Jitter, _options.Jitter) : 0.0;
            }

            var trajectory = excitations.Trajectory(b);
            for (var t = 0; t < steps; t++)
            {
                var baseline = steps > 1 ? first + ((last - first) * t / (steps - 1)) : first;
                for (var m = 0; m < muscles; m++)
                {
                    trajectory[(t * muscles) + m] = Math.Clamp(baseline + offsets[m], _options.Min, _options.Max);
                }
            }
        }
    }
}
