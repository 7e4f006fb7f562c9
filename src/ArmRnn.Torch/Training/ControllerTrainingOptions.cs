using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Options;
using ArmRnn.Torch.Checkpoints;

namespace ArmRnn.Torch.Training;

/// <summary>
/// How <see cref="ControllerTrainer"/> trains a <see cref="Networks.ControllerNet"/> through a frozen
/// <see cref="Networks.ArmNet"/>. The loss is
/// <c>PositionWeight · mean(((hand − reference) / hand std)²) + HoldWeight · (the same mean over the hold samples only)
/// + EffortWeight · mean(e²) + ExcitationChangeWeight · mean((e_t − e_{t−1})²) + HiddenActivityWeight · mean(h²)
/// + HiddenChangeWeight · mean((h_t − h_{t−1})²)</c>,
/// averaged over trials, steps and channels or units. The hand error is taken in the task's plane
/// (<see cref="Tasks.ReachTaskBatch.Plane"/>): its components along the plane's axes U and V, each divided by the hand's
/// spread along that axis (for the x-y plane: the x and y channels' std); the hand's offset from the plane is not scored.
/// </summary>
public sealed class ControllerTrainingOptions : IValidatableOptions
{
    /// <summary>The optimiser, learning rate and its schedule (per iteration), weight decay and gradient clipping.</summary>
    public OptimizationOptions Optimization { get; set; } = new();

    /// <summary>Trials per iteration (default 64).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Training iterations; each draws a fresh batch of trials (default 2000).</summary>
    public int Iterations { get; set; } = 2000;

    /// <summary>Control steps per trial (default 100).</summary>
    public int Steps { get; set; } = 100;

    /// <summary>Weight of the hand-position error against the task's minimum-jerk reference, in units of the hand
    /// channels' standard deviation (default 1).</summary>
    public double PositionWeight { get; set; } = 1.0;

    /// <summary>Extra weight of the hand-position error on the hold samples: those at or after the time the reference
    /// reaches the target (every sample of a catch trial). A reach is scored by where the hand ends, and the movement
    /// phase has many more samples than the hold, so without this term the optimiser trades endpoint accuracy for the
    /// timing of the movement (default 0: no extra weight).</summary>
    public double HoldWeight { get; set; }

    /// <summary>Weight of the mean squared excitation (effort; default 1e-3).</summary>
    public double EffortWeight { get; set; } = 1e-3;

    /// <summary>Weight of the mean squared change of the excitations per step (default 0). Step-to-step jitter in the
    /// excitations drives ArmNet where its training data (smooth excitations) never went, so a controller that
    /// exploits it does worse on the real plant than on ArmNet.</summary>
    public double ExcitationChangeWeight { get; set; }

    /// <summary>Standard deviation of Gaussian motor noise added to the excitations before ArmNet reads them, in
    /// excitation units (default 0: none). The sum is clamped to [0, 1]; the effort term still scores the commanded
    /// excitations. On a deterministic ArmNet a controller can reach without looking at its inputs, replaying one
    /// pattern per target; noise knocks ArmNet off that pattern, so the controller has to correct from the state it
    /// observes, which is what it needs where the real plant differs from ArmNet. Iteration i draws it from
    /// <c>Fork(i).Fork(<see cref="ExcitationNoise.IterationStream"/>)</c> of <see cref="Seed"/>.</summary>
    public double ExcitationNoiseStd { get; set; }

    /// <summary>Weight of the mean squared hidden activity (default 1e-4).</summary>
    public double HiddenActivityWeight { get; set; } = 1e-4;

    /// <summary>Weight of the mean squared change of the hidden state per step (default 1e-3).</summary>
    public double HiddenChangeWeight { get; set; } = 1e-3;

    /// <summary>Seed of the trials (iteration i uses <c>Fork(i)</c>) and of the controller's noise (default 1).</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>When set, a resumable checkpoint is written there every <see cref="CheckpointEvery"/> iterations and at
    /// the end.</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Iterations between checkpoints (default 100).</summary>
    public int CheckpointEvery { get; set; } = 100;

    /// <summary>Whether training resumes from <see cref="CheckpointPath"/> when that file exists (default true).</summary>
    public bool ResumeFromCheckpoint { get; set; } = true;

    /// <summary>Iterations between progress reports (default 10; the last iteration always reports).</summary>
    public int ReportEvery { get; set; } = 10;

    /// <summary>The preset that trains reliably here: Adam at 3e-3 with cosine decay to 1%, batch 64, gradient norm
    /// clipped at 1, no weight decay (see <see cref="ArmNetTrainingOptions.Default"/> for why it is not the poster's).</summary>
    public static ControllerTrainingOptions Default() => new()
    {
        Optimization = new OptimizationOptions
        {
            Optimizer = OptimizerKind.Adam,
            LearningRate = 3e-3,
            GradientClipNorm = 1.0,
            Schedule = new LearningRateSchedule { Kind = LearningRateScheduleKind.Cosine, MinimumFactor = 0.01 },
        },
    };

    /// <summary>The poster's hyperparameters: batch 128, learning rate 0.07 (plain SGD), L2 1e-4, clipping at 10.</summary>
    public static ControllerTrainingOptions Poster() => new()
    {
        Optimization = new OptimizationOptions { Optimizer = OptimizerKind.Sgd, LearningRate = 0.07, WeightDecay = 1e-4, GradientClipNorm = 10 },
        BatchSize = 128,
    };

    /// <summary>The options as JSON (for checkpoint metadata).</summary>
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, CheckpointFile.JsonOptions)!.AsObject();

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        Optimization is null ? $"{nameof(Optimization)} must be set." : null,
        .. Optimization?.GetValidationErrors() ?? [],
        OptionChecks.InRange(nameof(BatchSize), BatchSize, 1, 1_000_000),
        OptionChecks.InRange(nameof(Iterations), Iterations, 1, 100_000_000),
        OptionChecks.InRange(nameof(Steps), Steps, 1, 1_000_000),
        OptionChecks.NonNegative(nameof(PositionWeight), PositionWeight),
        OptionChecks.NonNegative(nameof(HoldWeight), HoldWeight),
        OptionChecks.NonNegative(nameof(EffortWeight), EffortWeight),
        OptionChecks.NonNegative(nameof(ExcitationChangeWeight), ExcitationChangeWeight),
        OptionChecks.NonNegative(nameof(ExcitationNoiseStd), ExcitationNoiseStd),
        OptionChecks.NonNegative(nameof(HiddenActivityWeight), HiddenActivityWeight),
        OptionChecks.NonNegative(nameof(HiddenChangeWeight), HiddenChangeWeight),
        OptionChecks.InRange(nameof(CheckpointEvery), CheckpointEvery, 1, int.MaxValue),
        OptionChecks.InRange(nameof(ReportEvery), ReportEvery, 1, int.MaxValue),
    ]);

    /// <summary>A deep copy.</summary>
    public ControllerTrainingOptions Clone()
    {
        var copy = (ControllerTrainingOptions)MemberwiseClone();
        copy.Optimization = Optimization.Clone();
        return copy;
    }
}
