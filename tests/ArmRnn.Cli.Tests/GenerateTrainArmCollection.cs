namespace ArmRnn.Cli.Tests;

/// <summary>The tests that simulate the arm and train networks through the CLI: they share one generated dataset and
/// trained networks (<see cref="GenerateTrainArmFixture"/>) and run one at a time on the 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GenerateTrainArmCollection : ICollectionFixture<GenerateTrainArmFixture>
{
    public const string Name = "CLI generate and train";
}
