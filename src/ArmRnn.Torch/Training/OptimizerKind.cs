namespace ArmRnn.Torch.Training;

/// <summary>The optimiser a trainer uses.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba), the default.</summary>
    Adam = 0,

    /// <summary>Stochastic gradient descent, with optional momentum.</summary>
    Sgd = 1,
}
