using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Randomness;
using ArmRnn.Tasks;

namespace ArmRnn.Cli.Configuration;

/// <summary>Checks, before any long work starts, that a trial of the given length holds the task's go cue and whole
/// movement, and reports it as one line naming the option to change.</summary>
internal static class TaskStepsError
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming <c>--steps</c> when <paramref name="steps"/> steps of
    /// the plant's control step are too few for <paramref name="task"/>.</summary>
    public static void EnsureFits(CenterOutTaskOptions task, int steps, IPlant plant)
    {
        try
        {
            // The task checks the length when it makes trials; one trial from an all-zero state is enough to ask it.
            new CenterOutTask(task).CreateBatch(1, steps, plant.Dt, new TrajectoryArray(1, 1, plant.Layout.Count), plant.Layout, new DeterministicRandom(0));
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "steps")
        {
            // The exception's message ends with the parameter name and value on further lines; keep the sentence.
            var message = e.Message;
            var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
            message = (end >= 0 ? message[..end] : message).ReplaceLineEndings(" ");
            throw new ArgumentException($"--steps: {message} Give more steps, or shorten Task.GoCueTime/GoCueJitter/MovementTime in the configuration.", e);
        }
    }
}
