using ArmRnn.Data;
using ArmRnn.Randomness;

namespace ArmRnn.Torch.Training;

/// <summary>
/// Motor noise for training a controller: independent Gaussian deviates, one per trial, step and excitation, which
/// <see cref="ControllerTrainer"/> adds to the controller's excitations before ArmNet reads them (the sum clamped to
/// [0, 1]). See <see cref="ControllerTrainingOptions.ExcitationNoiseStd"/>.
/// </summary>
public static class ExcitationNoise
{
    /// <summary>The stream of a training iteration's random source (<c>new DeterministicRandom(Seed).Fork(i)</c>) that
    /// its excitation noise is drawn from; streams 0 and 1 draw the start states and the task batch.</summary>
    public const ulong IterationStream = 2;

    /// <summary>Draws noise of standard deviation <paramref name="standardDeviation"/>, laid out
    /// <c>[batch, steps, channels]</c> (trial-major, as the excitations of a <see cref="TrajectoryArray"/>).</summary>
    /// <param name="random">The source (consumed).</param>
    /// <param name="batchSize">Trials.</param>
    /// <param name="steps">Control steps per trial.</param>
    /// <param name="channels">Excitations per step.</param>
    /// <param name="standardDeviation">Standard deviation, in excitation units (excitations lie in [0, 1]).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the standard deviation is negative or
    /// not finite.</exception>
    public static TrajectoryArray Sample(DeterministicRandom random, int batchSize, int steps, int channels, double standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (!double.IsFinite(standardDeviation) || standardDeviation < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The noise's standard deviation must be finite and non-negative.");
        }

        var noise = new TrajectoryArray(batchSize, steps, channels);
        var values = noise.AsSpan();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = standardDeviation * random.NextNormal();
        }

        return noise;
    }
}
