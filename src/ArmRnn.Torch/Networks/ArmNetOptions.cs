using ArmRnn.Options;

namespace ArmRnn.Torch.Networks;

/// <summary>The architecture of an <see cref="ArmNet"/>. Defaults: the poster's one-layer GRU with 1024 units.</summary>
public sealed class ArmNetOptions : IValidatableOptions
{
    /// <summary>Hidden units per layer (default 1024, as in the poster).</summary>
    public int HiddenSize { get; set; } = 1024;

    /// <summary>Recurrent layers (default 1).</summary>
    public int Layers { get; set; } = 1;

    /// <summary>GRU (default) or LSTM.</summary>
    public RecurrentCellKind Cell { get; set; } = RecurrentCellKind.Gru;

    /// <summary>
    /// Whether the normalised initial state is also fed as an input at every step, next to the excitations
    /// (default false). The initial state always sets the initial hidden state through a learned map; feeding it
    /// again at every step lets the network lean on where the trajectory started for as long as it runs, which the
    /// arm's dynamics do not do (they depend on the current state only) and which makes the surrogate worse when it is
    /// reset mid-movement. See docs/torch.md.
    /// </summary>
    public bool FeedInitialStateAsInput { get; set; }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.InRange(nameof(HiddenSize), HiddenSize, 1, 65536),
        OptionChecks.InRange(nameof(Layers), Layers, 1, 16),
        Enum.IsDefined(Cell) ? null : $"{nameof(Cell)} {Cell} is not a defined value.");

    /// <summary>A copy.</summary>
    public ArmNetOptions Clone() => (ArmNetOptions)MemberwiseClone();
}
