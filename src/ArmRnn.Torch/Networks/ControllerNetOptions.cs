using ArmRnn.Options;

namespace ArmRnn.Torch.Networks;

/// <summary>The architecture of a <see cref="ControllerNet"/>. Defaults: the poster's one-layer GRU with 1024 units
/// that sees every state channel without delay and no noise.</summary>
public sealed class ControllerNetOptions : IValidatableOptions
{
    /// <summary>Hidden units (default 1024).</summary>
    public int HiddenSize { get; set; } = 1024;

    /// <summary>The state channels it observes, by name, in the order it sees them; null (default) for every channel of
    /// the layout.</summary>
    public IReadOnlyList<string>? ObservedChannels { get; set; }

    /// <summary>Sensory delay in control steps (default 0): at step t it sees the state at the start of step
    /// t − delay (the initial state while t − delay &lt; 0).</summary>
    public int SensoryDelaySteps { get; set; }

    /// <summary>Standard deviation of Gaussian noise added to its (normalised) inputs while training (default 0).</summary>
    public double InputNoiseStd { get; set; }

    /// <summary>Standard deviation of Gaussian noise added to its hidden state after each step while training
    /// (default 0).</summary>
    public double HiddenNoiseStd { get; set; }

    /// <summary>Whether the noise is also added in evaluation mode (default false: noise only while training).</summary>
    public bool NoiseInEvaluation { get; set; }

    /// <summary>
    /// The excitation every muscle starts near (default 0.05): the readout bias starts at logit(value) and the readout
    /// weights are scaled down by <see cref="InitialReadoutWeightScale"/>, so that the untrained controller neither
    /// co-contracts hard nor saturates.
    /// </summary>
    public double InitialExcitation { get; set; } = 0.05;

    /// <summary>Factor applied to PyTorch's default readout weights at creation (default 0.1).</summary>
    public double InitialReadoutWeightScale { get; set; } = 0.1;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.InRange(nameof(HiddenSize), HiddenSize, 1, 65536),
        OptionChecks.InRange(nameof(SensoryDelaySteps), SensoryDelaySteps, 0, 10000),
        OptionChecks.NonNegative(nameof(InputNoiseStd), InputNoiseStd),
        OptionChecks.NonNegative(nameof(HiddenNoiseStd), HiddenNoiseStd),
        InitialExcitation is > 0 and < 1 ? null : $"{nameof(InitialExcitation)} must be in (0, 1); it is {InitialExcitation}.",
        OptionChecks.NonNegative(nameof(InitialReadoutWeightScale), InitialReadoutWeightScale),
        ObservedChannels is { Count: 0 } ? $"{nameof(ObservedChannels)} must name at least one channel, or be null for all." : null);

    /// <summary>A copy (the channel list is copied too).</summary>
    public ControllerNetOptions Clone()
    {
        var copy = (ControllerNetOptions)MemberwiseClone();
        copy.ObservedChannels = ObservedChannels is null ? null : [.. ObservedChannels];
        return copy;
    }
}
