namespace ArmRnn.Torch.Pipeline;

/// <summary>What one generation of a <see cref="GenerationPipeline"/> run produced.</summary>
/// <param name="Generation">The generation.</param>
/// <param name="ArmNetScores">ArmNet generation <paramref name="Generation"/> on the test data of every generation up
/// to it, and every earlier ArmNet on this generation's test data.</param>
/// <param name="Controller">The controller's centre-out evaluation.</param>
/// <param name="StageSeconds">Wall-clock seconds of each stage (as first computed, also when a later run resumed).</param>
public sealed record GenerationResult(
    int Generation,
    IReadOnlyList<ArmNetScore> ArmNetScores,
    ControllerEvaluation Controller,
    IReadOnlyDictionary<PipelineStage, double> StageSeconds);
