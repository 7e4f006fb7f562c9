using ArmRnn.Excitation;
using ArmRnn.Options;

namespace ArmRnn.OpenSim.Native;

/// <summary>Settings of a <see cref="NativePlant"/>: which engine simulates which model file, how, and where the
/// native library is.</summary>
public sealed class NativePlantOptions : IValidatableOptions
{
    /// <summary>The engine. Default OpenSim.</summary>
    public NativeEngine Engine { get; set; } = NativeEngine.OpenSim;

    /// <summary>The model file: an OpenSim <c>.osim</c> file for <see cref="NativeEngine.OpenSim"/>, an MJCF
    /// <c>.xml</c> file for <see cref="NativeEngine.MuJoCo"/>. Required.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Control step (s): excitations are held over it. Default 0.01. MuJoCo needs a whole multiple of its
    /// timestep.</summary>
    public double ControlStep { get; set; } = 0.01;

    /// <summary>Relative accuracy of OpenSim's error-controlled integrator. Default 1e-5 (OpenSim's ForwardTool).
    /// MuJoCo, a fixed-step engine, ignores it.</summary>
    public double Accuracy { get; set; } = 1e-5;

    /// <summary>0 (the default): the engine's own step (MuJoCo: the model's timestep; OpenSim: no limit). Otherwise
    /// MuJoCo's timestep, or the largest step OpenSim's integrator may take (s).</summary>
    public double IntegrationStep { get; set; }

    /// <summary>The channels to report, by name, in the order wanted; null (the default): every channel the engine
    /// reports. The OpenSim engine reports every marker of a model, so OpenSim's Arm26 gives the managed engine's 49
    /// channels with <c>Channels = Arm26Layout.Full.ChannelNames</c> (only the hand marker).</summary>
    public IReadOnlyList<string>? Channels { get; set; }

    /// <summary>The native library (a file, or a folder that holds it); null: the <c>ARMRNN_NATIVE_PATH</c>
    /// environment variable, then <c>runtimes/{rid}/native</c> next to the ArmRnn.OpenSim assembly, then the system's
    /// library path. One library serves the whole process.</summary>
    public string? LibraryPath { get; set; }

    /// <summary>What to do with excitations outside [0, 1]. Default reject.</summary>
    public ExcitationRangePolicy ExcitationRangePolicy { get; set; } = ExcitationRangePolicy.Reject;

    /// <summary>Activation given to sampled initial states (clamped to each activation's range). Default 0.05.</summary>
    public double InitialActivation { get; set; } = 0.05;

    /// <summary>Fraction of each limited joint's range from which initial postures are sampled, centred on
    /// <see cref="InitialPosture"/> (or the middle of the range). Default 0.8.</summary>
    public double InitialPostureRangeFraction { get; set; } = 0.8;

    /// <summary>The posture around which initial postures are sampled, by joint-angle channel name (e.g. OpenSim's
    /// <c>/jointset/r_shoulder/r_shoulder_elev/value</c>, rad); joints not listed are centred in their range. Null
    /// (default) centres every joint. Useful where the middle of a range is a poor start: Arm26's shoulder range centre
    /// (0.785 rad) lies beyond a discontinuity of OpenSim's BIClong path that OpenSim's integrator cannot step through
    /// (docs/native.md). Every name must be a joint-angle channel of the plant's layout.</summary>
    public IReadOnlyDictionary<string, double>? InitialPosture { get; set; }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        string.IsNullOrWhiteSpace(ModelPath) ? $"{nameof(ModelPath)} is required: the model file the native engine opens." : null,
        OptionChecks.InRange(nameof(ControlStep), ControlStep, 1e-5, 1.0),
        OptionChecks.InRange(nameof(Accuracy), Accuracy, 1e-12, 1e-1),
        IntegrationStep == 0 || (IntegrationStep >= 1e-8 && IntegrationStep <= ControlStep)
            ? null
            : FormattableString.Invariant($"{nameof(IntegrationStep)} must be 0 (the engine's own) or in [1e-08, {nameof(ControlStep)} = {ControlStep}]; it is {IntegrationStep}."),
        OptionChecks.InRange(nameof(InitialActivation), InitialActivation, 0, 1),
        OptionChecks.InRange(nameof(InitialPostureRangeFraction), InitialPostureRangeFraction, 0, 1),
        InitialPosture?.Values.Any(v => !double.IsFinite(v)) == true
            ? $"{nameof(InitialPosture)} must be finite; it is {{{string.Join(", ", InitialPosture.Select(p => FormattableString.Invariant($"{p.Key}: {p.Value}")))}}}."
            : null,
        Channels is { Count: 0 } ? $"{nameof(Channels)} is empty; leave it null to report every channel." : null,
        LibraryPath is not null && string.IsNullOrWhiteSpace(LibraryPath) ? $"{nameof(LibraryPath)} is blank; leave it null to search the default places." : null,
        Enum.IsDefined(Engine) ? null : $"{nameof(Engine)} {Engine} is not defined.",
        Enum.IsDefined(ExcitationRangePolicy) ? null : $"{nameof(ExcitationRangePolicy)} {ExcitationRangePolicy} is not defined.");

    /// <summary>A copy.</summary>
    public NativePlantOptions Clone()
    {
        var copy = (NativePlantOptions)MemberwiseClone();
        copy.InitialPosture = InitialPosture is null ? null : new Dictionary<string, double>(InitialPosture, StringComparer.Ordinal);
        return copy;
    }
}
