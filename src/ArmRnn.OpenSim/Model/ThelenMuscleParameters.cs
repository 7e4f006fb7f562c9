namespace ArmRnn.OpenSim.Model;

/// <summary>
/// The properties of an OpenSim <c>Thelen2003Muscle</c>. The defaults are OpenSim 4.3's class defaults (those of
/// <c>Muscle</c> and <c>Thelen2003Muscle</c>), used for properties a model file leaves out; Arm26 sets other values.
/// </summary>
public sealed record ThelenMuscleParameters
{
    /// <summary>Maximum isometric force (N). Default 1000.</summary>
    public double MaxIsometricForce { get; init; } = 1000.0;

    /// <summary>Optimal fiber length (m). Default 0.1.</summary>
    public double OptimalFiberLength { get; init; } = 0.1;

    /// <summary>Tendon slack length (m). Default 0.2.</summary>
    public double TendonSlackLength { get; init; } = 0.2;

    /// <summary>Pennation angle at optimal fiber length (rad). Default 0.</summary>
    public double PennationAngleAtOptimal { get; init; }

    /// <summary>Maximum contraction velocity (optimal fiber lengths per second). Default 10.</summary>
    public double MaxContractionVelocity { get; init; } = 10.0;

    /// <summary>Whether the tendon is rigid. Default false. (The managed engine models compliant tendons only.)</summary>
    public bool IgnoreTendonCompliance { get; init; }

    /// <summary>Whether activation equals excitation. Default false. (The managed engine models activation dynamics.)</summary>
    public bool IgnoreActivationDynamics { get; init; }

    /// <summary>Tendon strain at maximum isometric force. Default 0.04.</summary>
    public double FmaxTendonStrain { get; init; } = 0.04;

    /// <summary>Passive fiber strain at maximum isometric force. Default 0.6.</summary>
    public double FmaxMuscleStrain { get; init; } = 0.6;

    /// <summary>Shape factor of the active force-length Gaussian. Default 0.45.</summary>
    public double KshapeActive { get; init; } = 0.45;

    /// <summary>Exponential shape factor of the passive force-length curve. Default 5.0.</summary>
    public double KshapePassive { get; init; } = 5.0;

    /// <summary>Force-velocity shape factor. Default 0.25.</summary>
    public double Af { get; init; } = 0.25;

    /// <summary>Maximum normalised lengthening force. Default 1.4.</summary>
    public double Flen { get; init; } = 1.4;

    /// <summary>Normalised force above which the force-velocity curve is extrapolated linearly. Default 0.95.</summary>
    public double FvLinearExtrapThreshold { get; init; } = 0.95;

    /// <summary>Maximum pennation angle (rad). Default acos(0.1).</summary>
    public double MaximumPennationAngle { get; init; } = Math.Acos(0.1);

    /// <summary>Activation time constant (s). Default 0.015.</summary>
    public double ActivationTimeConstant { get; init; } = 0.015;

    /// <summary>Deactivation time constant (s). Default 0.050.</summary>
    public double DeactivationTimeConstant { get; init; } = 0.050;

    /// <summary>Minimum activation. Default 0.01.</summary>
    public double MinimumActivation { get; init; } = 0.01;
}
