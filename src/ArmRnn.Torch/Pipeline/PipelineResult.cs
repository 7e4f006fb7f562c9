using ArmRnn.Metrics;

namespace ArmRnn.Torch.Pipeline;

/// <summary>The outcome of <see cref="GenerationPipeline.Run"/>.</summary>
/// <param name="RunFolder">The run's folder.</param>
/// <param name="Generations">Per generation, in order.</param>
/// <param name="SkippedStages">Stages found complete from an earlier run and not recomputed.</param>
/// <param name="Seconds">Wall-clock seconds of this call.</param>
public sealed record PipelineResult(RunFolder RunFolder, IReadOnlyList<GenerationResult> Generations, int SkippedStages, double Seconds)
{
    /// <summary>The matrix column name of the mean VAF over all channels.</summary>
    public const string MeanVafColumn = "mean over channels";

    /// <summary>Total compute seconds of all stages, whichever run computed them.</summary>
    public double ComputeSeconds => Generations.Sum(g => g.StageSeconds.Values.Sum());

    /// <summary>The generation matrix (hand x, hand y and mean VAF of every ArmNet on every generation's test data),
    /// ready for <see cref="GenerationMatrix.ToMarkdown"/>.</summary>
    public GenerationMatrix Matrix(string handX, string handY)
    {
        var matrix = new GenerationMatrix();
        foreach (var score in Generations.SelectMany(g => g.ArmNetScores))
        {
            matrix.Set(score.ModelGeneration, score.DataGeneration, new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [handX] = score.HandX,
                [handY] = score.HandY,
                [MeanVafColumn] = score.Mean,
            });
        }

        return matrix;
    }
}
