using ArmRnn.Options;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;

namespace ArmRnn.Torch.Pipeline;

/// <summary>How each generation's ArmNet is built and trained (step 2 of the pipeline).</summary>
public sealed class ArmNetStageOptions : IValidatableOptions
{
    /// <summary>The network (hidden size, layers, GRU or LSTM).</summary>
    public ArmNetOptions Network { get; set; } = new();

    /// <summary>The trainer's settings (epochs, batch, optimiser, channel weights ...).</summary>
    public ArmNetTrainingOptions Training { get; set; } = ArmNetTrainingOptions.Default();

    /// <summary>Whether ArmNet generation k starts from generation k − 1's weights and normalisation (default true);
    /// otherwise it starts from fresh weights.</summary>
    public bool WarmStart { get; set; } = true;

    /// <summary>The data mix: ArmNet generation k trains on all of generation k's training data plus this fraction of
    /// each earlier generation's (default 1: all data so far; 0: only the newest). The subset is drawn with the
    /// pipeline's seed.</summary>
    public double EarlierDataFraction { get; set; } = 1.0;

    /// <summary>Loss weight of the hand's x and y channels (those of the controller's task), relative to 1 for the
    /// other channels unless <see cref="ArmNetTrainingOptions.ChannelWeights"/> says otherwise (default 1). Weighting
    /// the hand up makes a small network spend its capacity on what the controller is judged by.</summary>
    public double HandLossWeight { get; set; } = 1.0;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        Network is null ? $"{nameof(Network)} must be set." : null,
        Training is null ? $"{nameof(Training)} must be set." : null,
        .. (Network?.GetValidationErrors() ?? []).Select(e => $"{nameof(Network)}: {e}"),
        .. (Training?.GetValidationErrors() ?? []).Select(e => $"{nameof(Training)}: {e}"),
        OptionChecks.InRange(nameof(EarlierDataFraction), EarlierDataFraction, 0.0, 1.0),
        OptionChecks.Positive(nameof(HandLossWeight), HandLossWeight),
    ]);

    /// <summary>A deep copy.</summary>
    public ArmNetStageOptions Clone()
    {
        var copy = (ArmNetStageOptions)MemberwiseClone();
        copy.Network = Network.Clone();
        copy.Training = Training.Clone();
        return copy;
    }
}
