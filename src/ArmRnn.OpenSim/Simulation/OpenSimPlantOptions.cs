using ArmRnn.Excitation;
using ArmRnn.Options;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>Settings of the managed OpenSim engine's plants.</summary>
public sealed class OpenSimPlantOptions : IValidatableOptions
{
    /// <summary>Control step (s): excitations are held over it. Default 0.01.</summary>
    public double ControlStep { get; set; } = 0.01;

    /// <summary>The integrator. Default Runge-Kutta-Merson (as OpenSim's forward tool).</summary>
    public IntegratorKind Integrator { get; set; } = IntegratorKind.RungeKuttaMerson;

    /// <summary>Relative accuracy of the error-controlled integrator. Default 1e-5 (OpenSim's ForwardTool).</summary>
    public double Accuracy { get; set; } = 1e-5;

    /// <summary>Largest step (s) of the fixed-step integrator. Default 0.0005.</summary>
    public double FixedStepSize { get; set; } = 0.0005;

    /// <summary>Smallest step (s) the error-controlled integrator may take before it reports failure. Default 1e-9.</summary>
    public double MinimumStepSize { get; set; } = 1e-9;

    /// <summary>What to do with excitations outside [0, 1]. Default reject.</summary>
    public ExcitationRangePolicy ExcitationRangePolicy { get; set; } = ExcitationRangePolicy.Reject;

    /// <summary>Whether a coordinate outside its model range is an error (at reset and after each step). Default
    /// false (OpenSim does not clamp unclamped coordinates either).</summary>
    public bool StrictCoordinateRanges { get; set; }

    /// <summary>How muscle paths are evaluated. Default tabulated.</summary>
    public PathEvaluation PathEvaluation { get; set; } = PathEvaluation.Tabulated;

    /// <summary>Node spacing (rad) of path tables. Default 0.5°. Length errors scale with its fourth power where the
    /// path is smooth and its square where a wrap starts touching.</summary>
    public double PathTableSpacing { get; set; } = 0.5 * Math.PI / 180;

    /// <summary>Path-table tolerance (m): a table cell whose interpolated length misses the exact path by more than
    /// this at its centre, or whose moment arm misses by more than ten times it (m/rad), is evaluated exactly (these
    /// are the cells where a wrap starts touching, or where OpenSim's wrapping is not smooth). Default 1e-6 m, which
    /// keeps the engine as close to OpenSim as exact evaluation; larger values trade accuracy for speed.</summary>
    public double PathTableTolerance { get; set; } = 1e-6;

    /// <summary>Threads used to step a batch (-1: all cores). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>Activation given to sampled initial states (clamped to each muscle's minimum). Default 0.05.</summary>
    public double InitialActivation { get; set; } = 0.05;

    /// <summary>Fraction of each coordinate's range from which initial postures are sampled, centred on
    /// <see cref="InitialPosture"/> (or the middle of the range). Default 0.8.</summary>
    public double InitialPostureRangeFraction { get; set; } = 0.8;

    /// <summary>The posture (one value per coordinate, in model order, rad or m) around which initial postures are
    /// sampled; null (default) for the middle of each coordinate's range. With
    /// <see cref="InitialPostureRangeFraction"/> 0 every sampled posture is this one.</summary>
    public IReadOnlyList<double>? InitialPosture { get; set; }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.InRange(nameof(ControlStep), ControlStep, 1e-5, 1.0),
        OptionChecks.InRange(nameof(Accuracy), Accuracy, 1e-12, 1e-1),
        OptionChecks.InRange(nameof(FixedStepSize), FixedStepSize, 1e-7, 0.1),
        OptionChecks.InRange(nameof(MinimumStepSize), MinimumStepSize, 1e-14, 1e-3),
        OptionChecks.InRange(nameof(InitialActivation), InitialActivation, 0, 1),
        OptionChecks.InRange(nameof(PathTableSpacing), PathTableSpacing, 1e-4, 0.1),
        OptionChecks.Positive(nameof(PathTableTolerance), PathTableTolerance),
        Enum.IsDefined(PathEvaluation) ? null : $"{nameof(PathEvaluation)} {PathEvaluation} is not defined.",
        OptionChecks.InRange(nameof(InitialPostureRangeFraction), InitialPostureRangeFraction, 0, 1),
        InitialPosture?.Any(v => !double.IsFinite(v)) == true ? $"{nameof(InitialPosture)} must be finite; it is [{string.Join(", ", InitialPosture)}]." : null,
        MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1 ? $"{nameof(MaxDegreeOfParallelism)} must be -1 or positive; it is {MaxDegreeOfParallelism}." : null,
        Enum.IsDefined(Integrator) ? null : $"{nameof(Integrator)} {Integrator} is not defined.",
        Enum.IsDefined(ExcitationRangePolicy) ? null : $"{nameof(ExcitationRangePolicy)} {ExcitationRangePolicy} is not defined.");

    /// <summary>A copy.</summary>
    public OpenSimPlantOptions Clone()
    {
        var copy = (OpenSimPlantOptions)MemberwiseClone();
        copy.InitialPosture = InitialPosture is null ? null : [.. InitialPosture];
        return copy;
    }
}
