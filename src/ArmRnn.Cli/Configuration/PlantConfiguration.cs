using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.OpenSim.Model;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Torch.Pipeline;

namespace ArmRnn.Cli.Configuration;

/// <summary>The plant settings of a pipeline run (the <c>Plant</c> section of its configuration): which model, how
/// accurately it is integrated, and the posture ranges the starting states are drawn from.</summary>
internal sealed class PlantConfiguration
{
    /// <summary>"arm26" (built in) or the path of an OpenSim .osim file.</summary>
    public string Model { get; set; } = "arm26";

    /// <summary>The marker reported as the hand (its location becomes three channels); the task's hand channels
    /// (<c>Controller.Task.Hand</c>) must name them.</summary>
    public string HandMarker { get; set; } = Layouts.Arm26Layout.HandMarker;

    /// <summary>Integrator accuracy (OpenSim's ForwardTool default 1e-5).</summary>
    public double Accuracy { get; set; } = 1e-5;

    /// <summary>Generation-0 starting postures: this fraction of each coordinate's range around its centre.</summary>
    public double DataPostureRange { get; set; } = 0.1;

    /// <summary>The controller's training and new-data starting postures: this fraction of each range around the
    /// centre. Evaluation always starts at the centre posture.</summary>
    public double TrainingPostureRange { get; set; } = 0.02;

    /// <summary>Reads the section (defaults when null).</summary>
    public static PlantConfiguration From(JsonObject? section, string source)
    {
        if (section is null)
        {
            return new PlantConfiguration();
        }

        try
        {
            return section.Deserialize<PlantConfiguration>(new JsonSerializerOptions { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow })
                ?? new PlantConfiguration();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: Plant: {e.Message}", e);
        }
    }

    /// <summary>The section as JSON.</summary>
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this)!.AsObject();

    /// <summary>Builds the plants: the real plant and the two start-state samplers.</summary>
    public PipelinePlants CreatePlants()
    {
        var model = Model == "arm26"
            ? Arm26Model.Create()
            : OsimModelReader.Read(File.Exists(Model) ? Model : throw new FileNotFoundException($"Plant.Model: no file '{Model}'.", Model));
        OpenSimPlant Create(double range) => new(model, new OpenSimPlantOptions { Accuracy = Accuracy, InitialPostureRangeFraction = range }, [HandMarker]);
        return new PipelinePlants(Create(DataPostureRange), Create(TrainingPostureRange), Create(0));
    }
}
