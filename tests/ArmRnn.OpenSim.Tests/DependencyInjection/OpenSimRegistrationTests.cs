using ArmRnn.Abstractions;
using ArmRnn.Layouts;
using ArmRnn.OpenSim.DependencyInjection;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArmRnn.OpenSim.Tests.DependencyInjection;

public class OpenSimRegistrationTests
{
    [Fact]
    public async Task Arm26_plant_takes_the_container_control_step_and_validated_engine_options()
    {
        var services = new ServiceCollection();
        services.AddArmRnn(o => o.ControlStep = 0.005).UseArm26Plant(o => o.Accuracy = 1e-6);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);
        var plant = Assert.IsType<Arm26Plant>(provider.GetRequiredService<IPlant>());
        Assert.Equal(0.005, plant.Dt);
        Assert.Equal(Arm26Layout.Full, plant.Layout);
    }

    [Fact]
    public async Task Invalid_engine_options_fail_at_start()
    {
        var services = new ServiceCollection();
        services.AddArmRnn().UseArm26Plant(o => o.Accuracy = -1);
        await using var provider = services.BuildServiceProvider();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));
        Assert.Contains("Accuracy", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_file_becomes_a_plant()
    {
        var services = new ServiceCollection();
        services.AddArmRnn().UseOpenSimPlant(Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"), [Arm26Layout.HandMarker]);
        using var provider = services.BuildServiceProvider();
        var plant = Assert.IsType<OpenSimPlant>(provider.GetRequiredService<IPlant>());
        Assert.Equal(Arm26Layout.Full.ChannelNames, plant.Layout.ChannelNames);
    }
}
