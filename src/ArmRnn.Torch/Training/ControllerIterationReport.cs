namespace ArmRnn.Torch.Training;

/// <summary>What happened in one ControllerNet training iteration.</summary>
/// <param name="Iteration">The iteration (0-based).</param>
/// <param name="Iterations">The number of iterations.</param>
/// <param name="Loss">The total loss.</param>
/// <param name="PositionLoss">The hand-position term (before weighting).</param>
/// <param name="HoldLoss">The hand-position term over the hold samples only (before weighting; see
/// <see cref="ControllerTrainingOptions.HoldWeight"/>).</param>
/// <param name="EffortLoss">Mean squared excitation (before weighting).</param>
/// <param name="HiddenActivityLoss">Mean squared hidden activity (before weighting).</param>
/// <param name="HiddenChangeLoss">Mean squared hidden change per step (before weighting).</param>
/// <param name="MeanFinalDistance">Mean distance (m), in the task's plane, from the hand at the last step to the target
/// (ArmNet's hand).</param>
/// <param name="LearningRate">The learning rate used.</param>
/// <param name="Seconds">Wall-clock seconds the iteration took.</param>
/// <param name="ExcitationChangeLoss">Mean squared excitation change per step (before weighting; see
/// <see cref="ControllerTrainingOptions.ExcitationChangeWeight"/>).</param>
public sealed record ControllerIterationReport(
    int Iteration,
    int Iterations,
    double Loss,
    double PositionLoss,
    double HoldLoss,
    double EffortLoss,
    double HiddenActivityLoss,
    double HiddenChangeLoss,
    double MeanFinalDistance,
    double LearningRate,
    double Seconds,
    double ExcitationChangeLoss = 0);
