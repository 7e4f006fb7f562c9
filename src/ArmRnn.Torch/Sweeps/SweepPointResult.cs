namespace ArmRnn.Torch.Sweeps;

/// <summary>What training ArmNet at one grid point gave.</summary>
/// <param name="Point">The grid point.</param>
/// <param name="BestValidationLoss">The lowest validation loss (normalised MSE).</param>
/// <param name="HandXVaf">Validation VAF (%) of hand x at the best epoch's weights.</param>
/// <param name="HandYVaf">Validation VAF (%) of hand y.</param>
/// <param name="MeanVaf">Mean validation VAF (%) over channels.</param>
/// <param name="Epochs">Epochs run.</param>
/// <param name="Seconds">Wall-clock seconds of the training.</param>
public sealed record SweepPointResult(SweepPoint Point, double BestValidationLoss, double HandXVaf, double HandYVaf, double MeanVaf, int Epochs, double Seconds);
