using System.Globalization;
using ArmRnn.Options;

namespace ArmRnn.Torch.Analysis;

/// <summary>How <see cref="ClosedLoopRecorder"/> runs trials and how <see cref="TrialRecording.Average"/> aligns and
/// averages them.</summary>
public sealed class RecordingOptions : IValidatableOptions
{
    /// <summary>Trials per condition (reach target; default 16). Trials of one condition differ by their start
    /// states (drawn from the plant), go-cue jitter and controller noise, when those are present.</summary>
    public int TrialsPerCondition { get; set; } = 16;

    /// <summary>Control steps per trial (default 100).</summary>
    public int Steps { get; set; } = 100;

    /// <summary>The event the averages are aligned to (default the go cue).</summary>
    public AlignmentEvent Alignment { get; set; } = AlignmentEvent.GoCue;

    /// <summary>Steps kept before the event (default 20); 0 for <see cref="AlignmentEvent.TrialStart"/>.</summary>
    public int StepsBefore { get; set; } = 20;

    /// <summary>Steps kept from the event on, the event's step included (default 60).</summary>
    public int StepsAfter { get; set; } = 60;

    /// <summary>Movement onset is where the hand speed first reaches this fraction of the trial's peak speed after the
    /// go cue (default 0.1).</summary>
    public double OnsetSpeedFraction { get; set; } = 0.1;

    /// <summary>Seed of the start states and the task's randomness (default 1).</summary>
    public ulong Seed { get; set; } = 1;

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        OptionChecks.InRange(nameof(TrialsPerCondition), TrialsPerCondition, 1, 1_000_000),
        OptionChecks.InRange(nameof(Steps), Steps, 1, 10_000_000),
        Enum.IsDefined(Alignment) ? null : $"{nameof(Alignment)} {Alignment} is not a defined value.",
        OptionChecks.InRange(nameof(StepsBefore), StepsBefore, 0, 10_000_000),
        OptionChecks.InRange(nameof(StepsAfter), StepsAfter, 1, 10_000_000),
        Alignment == AlignmentEvent.TrialStart && StepsBefore != 0
            ? string.Create(CultureInfo.InvariantCulture, $"{nameof(StepsBefore)} must be 0 when aligning to the trial start; it is {StepsBefore}.")
            : null,
        OnsetSpeedFraction is > 0 and < 1 ? null : string.Create(CultureInfo.InvariantCulture, $"{nameof(OnsetSpeedFraction)} must be in (0, 1); it is {OnsetSpeedFraction}."));

    /// <summary>A copy.</summary>
    public RecordingOptions Clone() => (RecordingOptions)MemberwiseClone();
}
