using ArmRnn.Options;

namespace ArmRnn.Torch.Pipeline;

/// <summary>The data of generation k ≥ 1 (step 4 of the pipeline): ControllerNet generation k − 1 reaching, with
/// exploration noise on its excitations.</summary>
public sealed class NewDataOptions : IValidatableOptions
{
    /// <summary>Closed loop on the real plant (default) or open loop on ArmNet replayed on the real plant.</summary>
    public NewDataMode Mode { get; set; } = NewDataMode.ClosedLoop;

    /// <summary>Trajectories per generation (training and test together; default 256). Each reaches a target of the
    /// controller's task from a sampled starting state, so every target gets the same share.</summary>
    public int Trajectories { get; set; } = 256;

    /// <summary>Standard deviation of the Gaussian noise added to every excitation (then clamped to [0, 1]) so the
    /// data explore around the controller's movements (default 0.05).</summary>
    public double ExplorationNoiseStd { get; set; } = 0.05;

    /// <summary>Fraction of the trajectories held out as the generation's test data (default 0.125).</summary>
    public double TestFraction { get; set; } = 0.125;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        Enum.IsDefined(Mode) ? null : $"{nameof(Mode)} {Mode} is not a defined value.",
        OptionChecks.InRange(nameof(Trajectories), Trajectories, 2, 10_000_000),
        OptionChecks.NonNegative(nameof(ExplorationNoiseStd), ExplorationNoiseStd),
        TestFraction is > 0 and < 1 ? null : $"{nameof(TestFraction)} must be in (0, 1); it is {TestFraction}.");

    /// <summary>A copy.</summary>
    public NewDataOptions Clone() => (NewDataOptions)MemberwiseClone();
}
