using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Data;

namespace ArmRnn.Torch.Pipeline;

/// <summary>
/// The files of one <see cref="GenerationPipeline"/> run: <c>config.json</c> at the root and one folder per
/// generation (<c>gen-0</c>, <c>gen-1</c> ...) with its data, checkpoints, training histories and evaluation. Every
/// file is written atomically; a stage counts as complete when its record (<c>&lt;stage&gt;.json</c>) exists, which is
/// written after the stage's artefacts.
/// </summary>
public sealed class RunFolder
{
    /// <summary>The name of the configuration file at the root.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>Opens (without creating) the run folder at <paramref name="root"/>.</summary>
    public RunFolder(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>The run's configuration file.</summary>
    public string ConfigPath => Path.Combine(Root, ConfigFileName);

    /// <summary>The folder of generation <paramref name="generation"/>.</summary>
    public string GenerationFolder(int generation) => Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"gen-{generation}"));

    /// <summary>A file of generation <paramref name="generation"/> (e.g. <c>armnet.ckpt</c>).</summary>
    public string File(int generation, string name) => Path.Combine(GenerationFolder(generation), name);

    /// <summary>The record of a completed stage.</summary>
    public string StageRecordPath(int generation, PipelineStage stage) =>
        File(generation, stage.ToString().ToLowerInvariant() + ".json");

    /// <summary>Whether the stage's record exists (the stage finished in this or an earlier run).</summary>
    public bool IsComplete(int generation, PipelineStage stage) => System.IO.File.Exists(StageRecordPath(generation, stage));

    /// <summary>Writes the stage's record (atomically), marking it complete.</summary>
    public void Complete(int generation, PipelineStage stage, JsonObject record) =>
        WriteJson(StageRecordPath(generation, stage), record);

    /// <summary>Reads a stage's record.</summary>
    public JsonObject ReadRecord(int generation, PipelineStage stage) => ReadJson(StageRecordPath(generation, stage));

    /// <summary>
    /// Creates the folder and writes <paramref name="configuration"/> to <c>config.json</c>, or checks it against the
    /// one already there. With <paramref name="force"/> an existing run with another configuration is deleted first
    /// (its generation folders and reports).
    /// </summary>
    /// <exception cref="RunConfigurationMismatchException">The folder holds a run with another configuration and
    /// <paramref name="force"/> is false.</exception>
    public void Prepare(JsonObject configuration, bool force)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Directory.CreateDirectory(Root);
        if (System.IO.File.Exists(ConfigPath))
        {
            var stored = ReadJson(ConfigPath);
            var differences = JsonDifferences.Between(stored, configuration);
            if (differences.Count == 0)
            {
                return;
            }

            if (!force)
            {
                throw new RunConfigurationMismatchException(ConfigPath, differences);
            }

            Discard();
        }
        else if (Directory.EnumerateDirectories(Root, "gen-*").Any())
        {
            if (!force)
            {
                throw new RunConfigurationMismatchException(ConfigPath, ["the folder holds generation folders but no config.json"]);
            }

            Discard();
        }

        WriteJson(ConfigPath, configuration);
    }

    /// <summary>Writes JSON atomically (indented).</summary>
    public static void WriteJson(string path, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteText(path, w => w.Write(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
    }

    /// <summary>Reads a JSON object, naming the file when it is not one.</summary>
    /// <exception cref="InvalidDataException">The file is not a JSON object.</exception>
    public static JsonObject ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(System.IO.File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path}: expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private void Discard()
    {
        foreach (var folder in Directory.EnumerateDirectories(Root, "gen-*"))
        {
            Directory.Delete(folder, recursive: true);
        }

        foreach (var name in new[] { ConfigFileName, "report.md", "report.json" })
        {
            System.IO.File.Delete(Path.Combine(Root, name));
        }

        var plots = Path.Combine(Root, "plots");
        if (Directory.Exists(plots))
        {
            Directory.Delete(plots, recursive: true);
        }
    }
}
