using ArmRnn.Excitation;
using ArmRnn.Options;

namespace ArmRnn.Torch.Pipeline;

/// <summary>Generation-0 data (step 1 of the pipeline): the plant driven by smooth random excitations from sampled
/// starting states.</summary>
public sealed class InitialDataOptions : IValidatableOptions
{
    /// <summary>Trajectories simulated (training and test together; default 384).</summary>
    public int Trajectories { get; set; } = 384;

    /// <summary>Control steps per trajectory (default 80).</summary>
    public int Steps { get; set; } = 80;

    /// <summary>Fraction of the trajectories held out as the generation's test data (default 0.125).</summary>
    public double TestFraction { get; set; } = 0.125;

    /// <summary>The excitation generator's settings (default: 2 Hz smooth noise in [0.02, 0.5]).</summary>
    public SmoothRandomExcitationOptions Excitation { get; set; } = new() { CutoffFrequency = 2.0, Min = 0.02, Max = 0.5 };

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        OptionChecks.InRange(nameof(Trajectories), Trajectories, 2, 10_000_000),
        OptionChecks.InRange(nameof(Steps), Steps, 1, 1_000_000),
        TestFraction is > 0 and < 1 ? null : $"{nameof(TestFraction)} must be in (0, 1); it is {TestFraction}.",
        Excitation is null ? $"{nameof(Excitation)} must be set." : null,
        .. (Excitation?.GetValidationErrors() ?? []).Select(e => $"{nameof(Excitation)}: {e}"),
    ]);

    /// <summary>A deep copy.</summary>
    public InitialDataOptions Clone()
    {
        var copy = (InitialDataOptions)MemberwiseClone();
        copy.Excitation = Excitation.Clone();
        return copy;
    }
}
