namespace ArmRnn.Torch.Pipeline;

/// <summary>Where a <see cref="GenerationPipeline"/> run is.</summary>
/// <param name="Generation">The generation being worked on.</param>
/// <param name="Generations">The number of generations of the run.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Fraction">How much of the stage is done, in [0, 1].</param>
/// <param name="Detail">A short human-readable status (e.g. the epoch and validation VAF), or "skipped (complete)"
/// for a stage a previous run finished.</param>
public sealed record PipelineProgress(int Generation, int Generations, PipelineStage Stage, double Fraction, string Detail);
