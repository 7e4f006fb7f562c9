using ArmRnn.Abstractions;
using ArmRnn.Randomness;

namespace ArmRnn.Controllers;

/// <summary>
/// Adds seeded Gaussian exploration noise to another controller's excitations and clamps the result into [0, 1]
/// (used when generating new data from a trained controller, so the data cover more than its own habits).
/// </summary>
public sealed class ExcitationNoiseController : IController
{
    private readonly IController _inner;
    private readonly double _standardDeviation;
    private readonly ulong _seed;
    private DeterministicRandom[] _streams = [];
    private int _muscles;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The controller whose output is perturbed.</param>
    /// <param name="standardDeviation">Noise standard deviation (excitation units, ≥ 0).</param>
    /// <param name="seed">Seed; trial b of every batch draws from its own stream, so results do not depend on
    /// the batch size.</param>
    public ExcitationNoiseController(IController inner, double standardDeviation, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!(standardDeviation >= 0) || !double.IsFinite(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The noise standard deviation must be finite and ≥ 0.");
        }

        _inner = inner;
        _standardDeviation = standardDeviation;
        _seed = seed;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ExcitationNames => _inner.ExcitationNames;

    /// <inheritdoc />
    public void Reset(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _inner.Reset(context);
        var root = new DeterministicRandom(_seed);
        _streams = [.. Enumerable.Range(0, context.BatchSize).Select(b => root.Fork((ulong)b))];
        _muscles = _inner.ExcitationNames.Count;
    }

    /// <inheritdoc />
    public void Act(ReadOnlySpan<double> taskInputs, ReadOnlySpan<double> previousStates, Span<double> excitations)
    {
        _inner.Act(taskInputs, previousStates, excitations);
        if (_standardDeviation == 0)
        {
            return;
        }

        for (var i = 0; i < excitations.Length; i++)
        {
            var noisy = excitations[i] + (_standardDeviation * _streams[i / _muscles].NextNormal());
            excitations[i] = Math.Clamp(noisy, 0.0, 1.0);
        }
    }
}
