using ArmRnn.Abstractions;
using ArmRnn.Controllers;
using ArmRnn.Data;
using ArmRnn.DependencyInjection;
using ArmRnn.Loops;
using ArmRnn.Plants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArmRnn.Core.Tests.DependencyInjection;

public class AddArmRnnTests
{
    private sealed class ZeroController(IPlant plant) : IController
    {
        public IReadOnlyList<string> ExcitationNames { get; } = plant.ExcitationNames;

        public void Reset(ControllerContext context)
        {
        }

        public void Act(ReadOnlySpan<double> taskInputs, ReadOnlySpan<double> previousStates, Span<double> excitations) => excitations.Clear();
    }

    [Fact]
    public async Task Resolves_a_closed_loop_over_the_chosen_plant_and_controller()
    {
        var services = new ServiceCollection();
        services.AddArmRnn(o => o.ControlStep = 0.005)
            .UsePointMassPlant(o => o.MuscleCount = 4)
            .UseController(sp => new ZeroController(sp.GetRequiredService<IPlant>()));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);

        var loop = provider.GetRequiredService<ClosedLoop>();
        Assert.IsType<PointMassPlant>(loop.Plant);
        Assert.Equal(0.005, loop.Plant.Dt);
        Assert.Equal(4, loop.Plant.ExcitationNames.Count);
        var result = loop.Run(new TrajectoryArray(2, 1, loop.Plant.Layout.Count), TaskInputSequence.None(2, 3));
        Assert.Equal(3, result.Steps);
        // Plants are stateful, so each resolution is a new instance.
        Assert.NotSame(provider.GetRequiredService<IPlant>(), provider.GetRequiredService<IPlant>());
    }

    [Fact]
    public async Task Invalid_options_fail_at_start_with_the_option_named()
    {
        var services = new ServiceCollection();
        services.AddArmRnn(o => o.ControlStep = -0.01).UsePointMassPlant(o => o.MaxForce = 0);
        using var provider = services.BuildServiceProvider();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));
        Assert.Contains("ControlStep", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("MaxForce", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Later_choices_replace_earlier_ones_and_AddArmRnn_is_idempotent()
    {
        var services = new ServiceCollection();
        services.AddArmRnn().UsePointMassPlant();
        services.AddArmRnn().UsePlant(_ => new PointMassPlant(0.02))
            .UseController(sp => new ReplayController(new TrajectoryArray(1, 1, 6), sp.GetRequiredService<IPlant>().ExcitationNames));
        Assert.Single(services, d => d.ServiceType == typeof(IPlant));
        Assert.Single(services, d => d.ServiceType == typeof(ClosedLoop));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<ArmRnnOptions>));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(0.02, provider.GetRequiredService<IPlant>().Dt);
    }
}
