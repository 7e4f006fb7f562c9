using ArmRnn.Options;
using ArmRnn.Torch.Training;

namespace ArmRnn.Torch.Sweeps;

/// <summary>An ArmNet hyperparameter sweep: the grid and what every point shares.</summary>
public sealed class SweepOptions : IValidatableOptions
{
    /// <summary>The grid.</summary>
    public SweepGrid Grid { get; set; } = SweepGrid.Poster();

    /// <summary>The training settings every point starts from (the grid overrides batch size, learning rate, weight
    /// decay and clipping). The optimiser is the poster's plain SGD in <see cref="Poster"/> and Adam in <see cref="Quick"/>.</summary>
    public ArmNetTrainingOptions Training { get; set; } = ArmNetTrainingOptions.Poster();

    /// <summary>Seed of the weights and of training at every point (the same at every point, so points differ only
    /// by their hyperparameters).</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>The poster's grid with its SGD training, 100 epochs per point.</summary>
    public static SweepOptions Poster() => new();

    /// <summary>The 16-point grid of <see cref="SweepGrid.Quick"/> with Adam, 15 epochs per point.</summary>
    public static SweepOptions Quick()
    {
        var training = ArmNetTrainingOptions.Default();
        training.Epochs = 15;
        training.EarlyStoppingPatience = 0;
        return new SweepOptions { Grid = SweepGrid.Quick(), Training = training };
    }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        Grid is null ? $"{nameof(Grid)} must be set." : null,
        Training is null ? $"{nameof(Training)} must be set." : null,
        .. (Grid?.GetValidationErrors() ?? []).Select(e => $"{nameof(Grid)}.{e}"),
        .. (Training?.GetValidationErrors() ?? []).Select(e => $"{nameof(Training)}.{e}"),
        Training is { ValidationFraction: <= 0 } ? $"{nameof(Training)}.ValidationFraction must be positive: the sweep compares validation scores." : null,
    ]);
}
