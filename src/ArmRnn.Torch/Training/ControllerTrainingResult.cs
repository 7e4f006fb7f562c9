namespace ArmRnn.Torch.Training;

/// <summary>The outcome of <see cref="ControllerTrainer.Train"/>.</summary>
/// <param name="Reports">The progress reports (every ReportEvery iterations and the last), including those before a resume.</param>
/// <param name="ResumedFromIteration">Iterations read from a checkpoint (0 for a fresh run).</param>
public sealed record ControllerTrainingResult(IReadOnlyList<ControllerIterationReport> Reports, int ResumedFromIteration);
