using ArmRnn.Abstractions;
using ArmRnn.DependencyInjection;
using ArmRnn.OpenSim.Model;
using ArmRnn.OpenSim.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArmRnn.OpenSim.DependencyInjection;

/// <summary>Registers managed-engine OpenSim plants in an ArmRnn container.</summary>
public static class OpenSimArmRnnBuilderExtensions
{
    /// <summary>
    /// Uses the built-in Arm26 on the managed engine as the <see cref="IPlant"/> (transient), with the container's
    /// control step (<see cref="ArmRnnOptions.ControlStep"/>); engine options are validated when the host starts.
    /// </summary>
    public static IArmRnnBuilder UseArm26Plant(this IArmRnnBuilder builder, Action<OpenSimPlantOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions(configure);
        return builder.UsePlant(sp => new Arm26Plant(EngineOptions(sp)));
    }

    /// <summary>
    /// Uses the OpenSim model in <paramref name="osimPath"/> on the managed engine as the <see cref="IPlant"/>
    /// (transient). The file is read once, when the first plant is made; a model the engine cannot simulate fails
    /// there with an <see cref="OsimFormatException"/> naming the element.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="osimPath">Path of the .osim file.</param>
    /// <param name="outputMarkers">Markers reported in the state (null: all).</param>
    /// <param name="configure">Changes to the engine options.</param>
    public static IArmRnnBuilder UseOpenSimPlant(
        this IArmRnnBuilder builder, string osimPath, IReadOnlyList<string>? outputMarkers = null, Action<OpenSimPlantOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(osimPath);
        builder.AddValidatedOptions(configure);
        var model = new Lazy<ModelDescription>(() => OsimModelReader.Read(osimPath), LazyThreadSafetyMode.ExecutionAndPublication);
        return builder.UsePlant(sp => new OpenSimPlant(model.Value, EngineOptions(sp), outputMarkers));
    }

    private static OpenSimPlantOptions EngineOptions(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OpenSimPlantOptions>>().Value.Clone();
        options.ControlStep = services.GetRequiredService<IOptions<ArmRnnOptions>>().Value.ControlStep;
        return options;
    }
}
