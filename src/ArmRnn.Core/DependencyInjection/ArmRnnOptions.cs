using ArmRnn.Options;

namespace ArmRnn.DependencyInjection;

/// <summary>Settings shared by everything ArmRnn registers in a service container.</summary>
public sealed class ArmRnnOptions : IValidatableOptions
{
    /// <summary>The control step (s) of plants created by the container. Default 0.01 (100 Hz).</summary>
    public double ControlStep { get; set; } = 0.01;

    /// <summary>The root seed of generated data and tasks created by the container.</summary>
    public ulong Seed { get; set; } = 1;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.Positive(nameof(ControlStep), ControlStep),
        OptionChecks.InRange(nameof(ControlStep), ControlStep, 1e-5, 0.1));
}
