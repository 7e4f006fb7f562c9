namespace ArmRnn.Torch.Training;

/// <summary>How the learning rate changes over training (see <see cref="LearningRateSchedule"/>).</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Constant.</summary>
    Constant = 0,

    /// <summary>Multiplied by Gamma every StepSize periods.</summary>
    Step = 1,

    /// <summary>Multiplied by Gamma every period.</summary>
    Exponential = 2,

    /// <summary>Cosine annealing from the initial rate to MinimumFactor times it over the whole run.</summary>
    Cosine = 3,
}
