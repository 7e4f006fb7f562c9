using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Training;

namespace ArmRnn.Cli.Configuration;

/// <summary>
/// The reaching task a ControllerNet was trained on, kept in its checkpoint: <c>armrnn train-controller</c> stores
/// the task next to the trainer's options in the checkpoint's training metadata (the pipeline does the same), so
/// <c>evaluate</c>, <c>analyze</c> and <c>generate --controller</c> reach the same targets with the same timing and trial
/// length unless told otherwise.
/// </summary>
internal static class ControllerCheckpointTask
{
    private const string TaskKey = ControllerNetCheckpoint.TaskMetadataKey;
    private const string StepsKey = nameof(ControllerTrainingOptions.Steps);

    /// <summary>The training metadata to store: the trainer's options plus the task.</summary>
    public static JsonObject TrainingMetadata(ControllerTrainingOptions training, CenterOutTaskOptions task)
    {
        var json = training.ToJson();
        json[TaskKey] = JsonSerializer.SerializeToNode(task, CommandConfigurationFile.Json);
        return json;
    }

    /// <summary>The task and trial length stored in <paramref name="checkpoint"/>; the pipeline's default task and
    /// <see cref="ControllerTrainingOptions.Default"/>'s trial length for what it does not say.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a ControllerNet checkpoint.</exception>
    public static (CenterOutTaskOptions Task, int Steps) Read(string checkpoint, string option)
    {
        CommandConfigurationFile.RequireFile(checkpoint, option, "a ControllerNet checkpoint");
        // The metadata reader is shared by both checkpoint kinds (it does not check the kind); check it here.
        var metadata = ArmNetCheckpoint.ReadMetadata(checkpoint);
        if (!string.Equals(metadata.Kind, ControllerNetCheckpoint.Kind, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{option} {checkpoint}: the file holds a {metadata.Kind}, not a {ControllerNetCheckpoint.Kind}.");
        }

        var task = new ControllerStageOptions().Task;
        var steps = ControllerTrainingOptions.Default().Steps;
        if (metadata.Training is { } training)
        {
            try
            {
                if (training[TaskKey] is JsonObject stored)
                {
                    task = stored.Deserialize<CenterOutTaskOptions>(CommandConfigurationFile.Json) ?? task;
                }

                if (training[StepsKey] is JsonValue value && value.TryGetValue<int>(out var stored2))
                {
                    steps = stored2;
                }
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{option} {checkpoint}: the stored task is not readable: {e.Message}", e);
            }
        }

        return (task, steps);
    }
}
