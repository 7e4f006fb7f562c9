using ArmRnn.Data;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.Excitation;

/// <summary>
/// Random steps: each muscle holds a level for a random time, then jumps to a new one, independently of the others.
/// </summary>
/// <remarks>
/// For each trajectory b and muscle m, from <c>random.Fork(b).Fork(m)</c>: segments follow one another from time 0,
/// each with a level uniform in [Min, Max] and then a duration uniform in [MinHold, MaxHold] (drawn in that order).
/// Step t takes the level of the segment that contains its start time t·dt. A segment shorter than dt may cover
/// no step start and is then never seen. A trajectory is a prefix of any longer one from the same seed.
/// </remarks>
public sealed class PiecewiseConstantExcitation : IExcitationGenerator
{
    private readonly PiecewiseConstantExcitationOptions _options;

    /// <summary>Creates the generator.</summary>
    /// <param name="options">Parameters (copied); the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, its value and the allowed range.</exception>
    public PiecewiseConstantExcitation(PiecewiseConstantExcitationOptions? options = null)
    {
        _options = (options ?? new PiecewiseConstantExcitationOptions()).Clone().EnsureValid();
    }

    /// <summary>The parameters (a copy; changing it does not affect the generator).</summary>
    public PiecewiseConstantExcitationOptions Options => _options.Clone();

    /// <inheritdoc />
    public string Description =>
        $"piecewise constant: holds {ExcitationGeneratorChecks.Format(_options.MinHold)} to {ExcitationGeneratorChecks.Format(_options.MaxHold)} s, levels uniform in [{ExcitationGeneratorChecks.Format(_options.Min)}, {ExcitationGeneratorChecks.Format(_options.Max)}], independent per muscle";

    /// <inheritdoc />
    public void Generate(TrajectoryArray excitations, double dt, DeterministicRandom random)
    {
        ExcitationGeneratorChecks.CheckArguments(excitations, dt, random);
        var steps = excitations.Steps;
        var muscles = excitations.Channels;
        for (var b = 0; b < excitations.BatchSize; b++)
        {
            var trial = random.Fork((ulong)b);
            var trajectory = excitations.Trajectory(b);
            for (var m = 0; m < muscles; m++)
            {
                var stream = trial.Fork((ulong)m);
                var level = 0.0;
                var segmentEnd = 0.0;
                for (var t = 0; t < steps; t++)
                {
                    var time = t * dt;
                    while (time >= segmentEnd)
                    {
                        level = stream.Uniform(_options.Min, _options.Max);
                        segmentEnd += stream.Uniform(_options.MinHold, _options.MaxHold);
                    }

                    trajectory[(t * muscles) + m] = level;
                }
            }
        }
    }
}
