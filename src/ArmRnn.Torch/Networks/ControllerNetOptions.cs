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
    /// The excitation every muscle starts near (default 0.05; inside (<see cref="MinExcitation"/>,
    /// <see cref="MaxExcitation"/>)): the readout bias starts where the mapped sigmoid gives this value and the readout
    /// weights are scaled down by <see cref="InitialReadoutWeightScale"/>, so that the untrained controller neither
    /// co-contracts hard nor saturates.
    /// </summary>
    public double InitialExcitation { get; set; } = 0.05;

    /// <summary>Factor applied to PyTorch's default readout weights at creation (default 0.1).</summary>
    public double InitialReadoutWeightScale { get; set; } = 0.1;

    /// <summary>
    /// Lowest excitation it can command (default 0): the readout's sigmoid is mapped onto
    /// [<see cref="MinExcitation"/>, <see cref="MaxExcitation"/>]. Set the range to the excitations the ArmNet it is
    /// trained through has seen: outside them ArmNet extrapolates, and a controller trained through it learns to use
    /// ArmNet's errors there rather than the arm's dynamics.
    /// </summary>
    public double MinExcitation { get; set; }

    /// <summary>Highest excitation it can command (default 1); see <see cref="MinExcitation"/>.</summary>
    public double MaxExcitation { get; set; } = 1.0;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.InRange(nameof(HiddenSize), HiddenSize, 1, 65536),
        OptionChecks.InRange(nameof(SensoryDelaySteps), SensoryDelaySteps, 0, 10000),
        OptionChecks.NonNegative(nameof(InputNoiseStd), InputNoiseStd),
        OptionChecks.NonNegative(nameof(HiddenNoiseStd), HiddenNoiseStd),
        MinExcitation >= 0 && MinExcitation < MaxExcitation && MaxExcitation <= 1
            ? null
            : $"{nameof(MinExcitation)} and {nameof(MaxExcitation)} must satisfy 0 ≤ {nameof(MinExcitation)} < {nameof(MaxExcitation)} ≤ 1; they are {MinExcitation} and {MaxExcitation}.",
        InitialExcitation > MinExcitation && InitialExcitation < MaxExcitation
            ? null
            : $"{nameof(InitialExcitation)} must be in ({nameof(MinExcitation)}, {nameof(MaxExcitation)}) = ({MinExcitation}, {MaxExcitation}); it is {InitialExcitation}.",
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
