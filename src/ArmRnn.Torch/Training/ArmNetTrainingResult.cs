using ArmRnn.Metrics;

namespace ArmRnn.Torch.Training;

/// <summary>The outcome of <see cref="ArmNetTrainer.Train"/>.</summary>
/// <param name="Reports">One report per epoch run, including those before a resume.</param>
/// <param name="BestEpoch">The epoch whose weights the network now has (-1 without validation: the last).</param>
/// <param name="BestValidationLoss">Its validation loss (NaN without validation).</param>
/// <param name="ValidationScores">Per-channel VAF and RMSE on the validation trajectories with the final weights
/// (null without validation).</param>
/// <param name="StoppedEarly">Whether early stopping ended training.</param>
/// <param name="ResumedFromEpoch">The number of epochs read from a checkpoint (0 for a fresh run).</param>
public sealed record ArmNetTrainingResult(
    IReadOnlyList<ArmNetEpochReport> Reports,
    int BestEpoch,
    double BestValidationLoss,
    ChannelScores? ValidationScores,
    bool StoppedEarly,
    int ResumedFromEpoch);
