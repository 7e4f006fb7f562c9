using ArmRnn.Cli.Commands;
using ArmRnn.Options;
using ArmRnn.Torch.Pipeline;

namespace ArmRnn.Cli.Configuration;

/// <summary>The effective configuration of <c>armrnn pipeline</c>: a preset or a <c>--config</c> file, then the
/// flags.</summary>
internal static class PipelineConfiguration
{
    public static (GenerationPipelineOptions Options, PlantConfiguration Plant) Resolve(PipelineSettings settings)
    {
        var options = settings.Config is not null
            ? GenerationPipelineOptions.FromJson(ReadConfig(settings.Config), settings.Config)
            : settings.Quick ? GenerationPipelineOptions.Quick() : GenerationPipelineOptions.Poster();
        var source = settings.Config ?? "the preset";
        var plant = PlantConfiguration.From(options.Plant, source);
        if (settings.Model is not null)
        {
            plant.Model = settings.Model;
        }

        options.Seed = settings.Seed ?? options.Seed;
        options.Generations = settings.Generations ?? options.Generations;
        options.InitialData.Trajectories = settings.Trajectories ?? options.InitialData.Trajectories;
        options.NewData.Mode = settings.NewData switch
        {
            "closed" => NewDataMode.ClosedLoop,
            "open" => NewDataMode.OpenLoop,
            _ => options.NewData.Mode,
        };
        options.NewData.ExplorationNoiseStd = settings.Noise ?? options.NewData.ExplorationNoiseStd;
        options.ArmNet.Network.HiddenSize = settings.ArmNetHidden ?? options.ArmNet.Network.HiddenSize;
        options.Controller.Network.HiddenSize = settings.ControllerHidden ?? options.Controller.Network.HiddenSize;
        options.ArmNet.Training.Epochs = settings.Epochs ?? options.ArmNet.Training.Epochs;
        options.Controller.Training.Iterations = settings.Iterations ?? options.Controller.Training.Iterations;
        options.Plant = plant.ToJson();
        try
        {
            options.EnsureValid();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{source}: {e.Message}", e);
        }

        return (options, plant);
    }

    private static string ReadConfig(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"--config: no file '{path}'.", path);
}
