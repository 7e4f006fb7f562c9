using System.Text.Json.Nodes;

namespace ArmRnn.Torch.Checkpoints;

/// <summary>Where a training run stood when its checkpoint was written (for resuming).</summary>
public sealed class TrainingProgressState
{
    /// <summary>Completed periods (epochs for ArmNet, iterations for ControllerNet).</summary>
    public int CompletedPeriods { get; set; }

    /// <summary>The best validation loss so far (NaN when there is no validation).</summary>
    public double BestLoss { get; set; } = double.NaN;

    /// <summary>The period (0-based) of the best validation loss, or -1.</summary>
    public int BestPeriod { get; set; } = -1;

    /// <summary>Periods since the best one (for early stopping).</summary>
    public int PeriodsWithoutImprovement { get; set; }

    /// <summary>The reports so far, as JSON.</summary>
    public JsonArray? Reports { get; set; }
}
