using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Options;
using ArmRnn.Torch.Checkpoints;

namespace ArmRnn.Torch.Pipeline;

/// <summary>
/// Everything that decides what <see cref="GenerationPipeline"/> computes. Start from a preset,
/// <see cref="Quick"/> (sized for a 2-core CPU) or <see cref="Poster"/> (the poster's sizes, for a GPU), and change
/// what you need. The options round-trip through JSON (<see cref="ToJson"/>, <see cref="FromJson"/>); a run folder
/// keeps them in <c>config.json</c> and refuses a different configuration.
/// </summary>
public sealed class GenerationPipelineOptions : IValidatableOptions
{
    /// <summary>Seed of everything random in the run (default 1): data, splits, weight initialisation, training.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Generations of ArmNet and ControllerNet (default 2: generation 0 from excitation-generator data and
    /// generation 1 from generation 0's controller).</summary>
    public int Generations { get; set; } = 2;

    /// <summary>
    /// The settings the application built its plants from (model, accuracy, posture ranges ...), recorded in the run's
    /// configuration so a run folder is never continued with another plant. The pipeline does not read them; the
    /// <c>armrnn</c> command line builds its plants from them. Null when the caller records nothing.
    /// </summary>
    public JsonObject? Plant { get; set; }

    /// <summary>Generation-0 data.</summary>
    public InitialDataOptions InitialData { get; set; } = new();

    /// <summary>The data of later generations.</summary>
    public NewDataOptions NewData { get; set; } = new();

    /// <summary>ArmNet's network and training.</summary>
    public ArmNetStageOptions ArmNet { get; set; } = new();

    /// <summary>ControllerNet's network, training and task.</summary>
    public ControllerStageOptions Controller { get; set; } = new();

    /// <summary>
    /// The preset sized for this project's 2-core CPU machines (within 15 minutes): 2 generations, GRUs of 128
    /// (ArmNet, 150 epochs, hand channels weighted 10x) and 96 (ControllerNet: 750 iterations of 64 trials of 1 s,
    /// excitations limited to the generation-0 data's range 0.02-0.5, initial excitation 0.1, motor noise 0.1 while
    /// training, learning rate 0.01 warmed up over 50 iterations; later generations fine-tuned for 250 iterations at
    /// 0.002) units, 384 generation-0 trajectories of 0.8 s. The numbers it reaches are in <c>docs/results.md</c>.
    /// </summary>
    public static GenerationPipelineOptions Quick()
    {
        var options = new GenerationPipelineOptions();
        options.ArmNet.Network.HiddenSize = 128;
        options.ArmNet.Training.Epochs = 150;
        options.ArmNet.Training.BatchSize = 16;
        options.ArmNet.Training.EarlyStoppingPatience = 0;
        options.ArmNet.Training.Optimization.LearningRate = 0.01;
        options.ArmNet.HandLossWeight = 10;
        options.Controller.Network.HiddenSize = 96;
        options.Controller.Network.InitialExcitation = 0.1;
        // The controller commands only excitations ArmNet has seen (the generation-0 range, 0.02-0.5). Unbounded, it
        // held muscles near 0.6-1.0, where ArmNet extrapolates, and learned ArmNet's errors there: trained longer it
        // reached 1.5 cm on ArmNet and 5.7 cm on the real arm (docs/results.md, experiments of 2026-11-28, 17:00-18:40).
        options.Controller.Network.MinExcitation = options.InitialData.Excitation.Min;
        options.Controller.Network.MaxExcitation = options.InitialData.Excitation.Max;
        // Batch 64 for 750 iterations sees the trials of batch 32 for 1500 in two thirds of the time (0.25 s against
        // 0.18 s per iteration), with the same accuracy (docs/results.md).
        options.Controller.Training.Iterations = 750;
        options.Controller.Training.BatchSize = 64;
        options.Controller.Training.Steps = 100;
        options.Controller.Training.Optimization.LearningRate = 0.01;
        options.Controller.Training.Optimization.Schedule.WarmupPeriods = 50;
        // Motor noise (std 0.1 on every excitation, every step) while training: a controller that must reach despite it
        // cannot lean on ArmNet's small errors, and generation 1 then improves on generation 0 instead of learning the
        // new ArmNet's errors (seeds 1 / 2 at generation 1 on the real arm: 4.23 / 2.93 cm without it, 0.83 / 1.40 with it;
        // docs/results.md).
        options.Controller.Training.ExcitationNoiseStd = 0.1;
        // Later generations are fine-tuned from the previous controller (250 iterations at 0.002, warmed up over 25)
        // rather than trained again at the full rate, which had thrown the warm-started controller out of its solution
        // (docs/results.md: 9.9 cm on the real plant before any warm-up).
        options.Controller.FineTuning = new ControllerFineTuningOptions { Iterations = 250, LearningRate = 0.002, WarmupPeriods = 25 };
        return options;
    }

    /// <summary>
    /// The poster's sizes: 1024-unit GRUs, batch 128, learning rate 0.07 (plain SGD), L2 1e-4, gradient clipping at
    /// 10 (<see cref="Training.ArmNetTrainingOptions.Poster"/>, <see cref="Training.ControllerTrainingOptions.Poster"/>),
    /// with 4096 generation-0 trajectories. Meant for a CUDA machine.
    /// </summary>
    public static GenerationPipelineOptions Poster()
    {
        var options = new GenerationPipelineOptions();
        options.InitialData.Trajectories = 4096;
        options.InitialData.Steps = 100;
        options.NewData.Trajectories = 2048;
        options.ArmNet.Network.HiddenSize = 1024;
        options.ArmNet.Training = Training.ArmNetTrainingOptions.Poster();
        options.Controller.Network.HiddenSize = 1024;
        options.Controller.Training = Training.ControllerTrainingOptions.Poster();
        options.Controller.Training.Steps = 100;
        return options;
    }

    /// <summary>The options as JSON (indented, enums as names).</summary>
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, CheckpointFile.JsonOptions)!.AsObject();

    /// <summary>Reads options written by <see cref="ToJson"/> (or by hand: missing values keep their defaults).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where the text came from, for messages (a file path).</param>
    /// <exception cref="InvalidDataException">The text is not valid JSON for these options; the message names the
    /// source and the JSON path.</exception>
    public static GenerationPipelineOptions FromJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<GenerationPipelineOptions>(json, StrictJson)
                ?? throw new InvalidDataException($"{source}: the configuration is 'null'.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
    [
        OptionChecks.InRange(nameof(Generations), Generations, 1, 1000),
        .. Nested(nameof(InitialData), InitialData?.GetValidationErrors()),
        .. Nested(nameof(NewData), NewData?.GetValidationErrors()),
        .. Nested(nameof(ArmNet), ArmNet?.GetValidationErrors()),
        .. Nested(nameof(Controller), Controller?.GetValidationErrors()),
    ]);

    /// <summary>A deep copy.</summary>
    public GenerationPipelineOptions Clone()
    {
        var copy = (GenerationPipelineOptions)MemberwiseClone();
        copy.Plant = Plant?.DeepClone().AsObject();
        copy.InitialData = InitialData.Clone();
        copy.NewData = NewData.Clone();
        copy.ArmNet = ArmNet.Clone();
        copy.Controller = Controller.Clone();
        return copy;
    }

    private static readonly JsonSerializerOptions StrictJson = new(CheckpointFile.JsonOptions)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static IEnumerable<string?> Nested(string name, IEnumerable<string>? errors) =>
        errors is null ? [$"{name} must be set."] : errors.Select(e => $"{name}.{e}");
}
