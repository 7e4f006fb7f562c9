using System.Text.Json.Nodes;
using ArmRnn.Torch.Checkpoints;

namespace ArmRnn.Cli.Configuration;

/// <summary>The training-state file of <c>train-arm</c> and <c>train-controller</c> (<c>&lt;out&gt;.training</c>):
/// a rerun continues from it only with the configuration it was started with.</summary>
internal static class ResumableTraining
{
    /// <summary>The training-state file of the checkpoint <paramref name="output"/>.</summary>
    public static string StatePath(string output) => output + ".training";

    /// <summary>Whether <paramref name="statePath"/> exists; throws when it was written with other training options
    /// than <paramref name="training"/> (continuing it would mix two runs).</summary>
    /// <exception cref="InvalidOperationException">The options differ; the message says which and how to start over.</exception>
    public static bool CanResume(string statePath, JsonObject training)
    {
        if (!File.Exists(statePath))
        {
            return false;
        }

        var stored = ArmNetCheckpoint.ReadMetadata(statePath).Training;
        if (stored is not null && !JsonNode.DeepEquals(stored, training))
        {
            var differences = stored.Select(p => p.Key)
                .Union(training.Select(p => p.Key))
                .Where(key => !JsonNode.DeepEquals(stored[key], training[key]))
                .ToList();
            throw new InvalidOperationException(
                $"{statePath} holds an unfinished training with other options (differs in {string.Join(", ", differences)}); rerun with the options it was started with to continue it, or delete it to start over.");
        }

        return true;
    }
}
