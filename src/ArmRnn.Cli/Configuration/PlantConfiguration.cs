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

    /// <summary>The home posture (one value per coordinate, rad): the centre-out start in evaluation and the centre of
    /// every sampled starting posture. Default: Arm26's <see cref="Arm26Plant.HomePosture"/>, which the default
    /// <see cref="InitialActivation"/> holds at rest; null for the middle of each coordinate's range.</summary>
    public double[]? HomePosture { get; set; } = [.. Arm26Plant.HomePosture];

    /// <summary>Muscle activation (and the excitation that holds it) in sampled starting states
    /// (default <see cref="Arm26Plant.HomeExcitation"/>).</summary>
    public double InitialActivation { get; set; } = Arm26Plant.HomeExcitation;

    /// <summary>Generation-0 starting postures: this fraction of each coordinate's range around the home posture.</summary>
    public double DataPostureRange { get; set; } = 0.1;

    /// <summary>The controller's training and new-data starting postures: this fraction of each range around the
    /// home posture. Evaluation always starts at the home posture.</summary>
    public double TrainingPostureRange { get; set; } = 0.05;

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
        OpenSimPlant Create(double range) => new(model, new OpenSimPlantOptions { Accuracy = Accuracy, InitialPostureRangeFraction = range, InitialPosture = HomePosture, InitialActivation = InitialActivation }, [HandMarker]);
        return new PipelinePlants(Create(DataPostureRange), Create(TrainingPostureRange), Create(0));
    }
}
