namespace ArmRnn.Torch.Training;

/// <summary>What happened in one ArmNet training epoch.</summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Epochs">The maximum number of epochs.</param>
/// <param name="TrainingLoss">Mean training loss over the epoch's minibatches (weighted MSE, normalised units).</param>
/// <param name="ValidationLoss">The validation loss after the epoch (NaN without validation data).</param>
/// <param name="HandXVaf">Validation VAF (%) of the hand x channel (NaN when unknown).</param>
/// <param name="HandYVaf">Validation VAF (%) of the hand y channel (NaN when unknown).</param>
/// <param name="MeanVaf">Mean validation VAF (%) over channels with a defined VAF.</param>
/// <param name="LearningRate">The learning rate used in the epoch.</param>
/// <param name="Seconds">Wall-clock seconds the epoch took.</param>
/// <param name="IsBest">Whether this epoch has the lowest validation loss so far.</param>
public sealed record ArmNetEpochReport(
    int Epoch,
    int Epochs,
    double TrainingLoss,
    double ValidationLoss,
    double HandXVaf,
    double HandYVaf,
    double MeanVaf,
    double LearningRate,
    double Seconds,
    bool IsBest);
