namespace ArmRnn.Torch.Analysis;

/// <summary>What <see cref="ControllerAnalysis.Run"/> found.</summary>
/// <param name="Trials">Every recorded trial.</param>
/// <param name="Average">The condition averages, aligned as asked.</param>
/// <param name="Components">PCA of the averaged hidden states (conditions × times as samples).</param>
/// <param name="JPca">jPCA of the averaged hidden states.</param>
/// <param name="Tangling">Tangling of the averaged hidden states.</param>
/// <param name="FixedPoints">Closed-loop fixed points, one search per reach target (go cue on).</param>
public sealed record ControllerAnalysisResult(
    TrialRecording Trials,
    PopulationRecording Average,
    PrincipalComponents Components,
    JPcaResult JPca,
    TanglingResult Tangling,
    IReadOnlyList<TargetFixedPoints> FixedPoints);
