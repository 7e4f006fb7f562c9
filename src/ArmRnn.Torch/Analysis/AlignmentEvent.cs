namespace ArmRnn.Torch.Analysis;

/// <summary>The trial event that condition averages are aligned to.</summary>
public enum AlignmentEvent
{
    /// <summary>The first step of the trial.</summary>
    TrialStart = 0,

    /// <summary>The first step with the go cue on.</summary>
    GoCue = 1,

    /// <summary>Movement onset: the first step at or after the go cue at which the hand speed reaches
    /// <see cref="RecordingOptions.OnsetSpeedFraction"/> of the trial's peak speed after the go cue.</summary>
    MovementOnset = 2,
}
