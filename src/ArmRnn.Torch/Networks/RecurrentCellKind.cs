namespace ArmRnn.Torch.Networks;

/// <summary>The recurrent unit of a network.</summary>
public enum RecurrentCellKind
{
    /// <summary>Gated recurrent unit (Cho et al. 2014), the poster's choice. State-dict key prefix <c>gru.</c>.</summary>
    Gru = 0,

    /// <summary>Long short-term memory, for the poster's comparison. State-dict key prefix <c>lstm.</c>.</summary>
    Lstm = 1,
}
