using ArmRnn.Excitation;
using ArmRnn.Options;

namespace ArmRnn.Plants;

/// <summary>
/// Parameters of <see cref="PointMassPlant"/>: a planar point mass on a spring and damper, pulled by muscles with
/// first-order activation dynamics. Defaults give an underdamped arm-like system (about 1 Hz, a 10 cm reach needs
/// about 4 N of net muscle force).
/// </summary>
public sealed class PointMassPlantOptions : IValidatableOptions
{
    /// <summary>Mass (kg).</summary>
    public double Mass { get; set; } = 1.0;

    /// <summary>Spring stiffness towards the origin (N/m).</summary>
    public double Stiffness { get; set; } = 40.0;

    /// <summary>Viscous damping (N·s/m).</summary>
    public double Damping { get; set; } = 8.0;

    /// <summary>Force of one fully active muscle (N).</summary>
    public double MaxForce { get; set; } = 10.0;

    /// <summary>Activation time constant τ (s): da/dt = (e − a) / τ.</summary>
    public double ActivationTimeConstant { get; set; } = 0.04;

    /// <summary>Number of muscles; muscle k pulls along the angle 2πk / count in the plane.</summary>
    public int MuscleCount { get; set; } = 6;

    /// <summary>Radius (m) of the disc from which <see cref="PointMassPlant.SampleInitialStates"/> draws start positions.</summary>
    public double InitialPositionRadius { get; set; } = 0.05;

    /// <summary>What to do with excitations outside [0, 1].</summary>
    public ExcitationRangePolicy ExcitationRangePolicy { get; set; } = ExcitationRangePolicy.Reject;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.Positive(nameof(Mass), Mass),
        OptionChecks.NonNegative(nameof(Stiffness), Stiffness),
        OptionChecks.NonNegative(nameof(Damping), Damping),
        OptionChecks.Positive(nameof(MaxForce), MaxForce),
        OptionChecks.Positive(nameof(ActivationTimeConstant), ActivationTimeConstant),
        OptionChecks.InRange(nameof(MuscleCount), MuscleCount, 1, 64),
        OptionChecks.NonNegative(nameof(InitialPositionRadius), InitialPositionRadius),
        Enum.IsDefined(ExcitationRangePolicy) ? null : $"{nameof(ExcitationRangePolicy)} {ExcitationRangePolicy} is not a defined value.");

    /// <summary>A copy (plants copy their options so later changes do not affect a running plant).</summary>
    public PointMassPlantOptions Clone() => (PointMassPlantOptions)MemberwiseClone();
}
