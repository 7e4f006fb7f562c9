using ArmRnn.Abstractions;
using ArmRnn.DependencyInjection;
using ArmRnn.Loops;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ArmRnn in a service collection.</summary>
public static class ArmRnnServiceCollectionExtensions
{
    /// <summary>
    /// Adds ArmRnn's shared options (validated when the host starts) and loop factories. Choose a plant and a
    /// controller with the returned builder, e.g. <c>services.AddArmRnn().UsePointMassPlant()</c>.
    /// Calling it again only applies <paramref name="configure"/> again.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes to the default <see cref="ArmRnnOptions"/>.</param>
    public static IArmRnnBuilder AddArmRnn(this IServiceCollection services, Action<ArmRnnOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ArmRnnOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArmRnnOptions>, ValidatableOptionsValidator<ArmRnnOptions>>());
        services.TryAddTransient(sp => new ClosedLoop(sp.GetRequiredService<IPlant>(), sp.GetRequiredService<IController>()));
        return new ArmRnnBuilder(services);
    }
}
