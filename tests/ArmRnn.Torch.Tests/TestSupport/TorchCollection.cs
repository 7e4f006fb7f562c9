namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>Tests that train or time networks share the 2 cores and the global torch seed, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "Torch";
}
