using ArmRnn.Abstractions;
using ArmRnn.Options;
using ArmRnn.Plants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ArmRnn.DependencyInjection;

/// <summary>Chooses plants, controllers and dataset sources for an ArmRnn container.</summary>
public static class ArmRnnBuilderExtensions
{
    /// <summary>Uses <typeparamref name="TPlant"/> as the <see cref="IPlant"/> (transient: plants are stateful),
    /// replacing any plant chosen before.</summary>
    public static IArmRnnBuilder UsePlant<TPlant>(this IArmRnnBuilder builder)
        where TPlant : class, IPlant
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Transient<IPlant, TPlant>());
        return builder;
    }

    /// <summary>Uses the plant made by <paramref name="factory"/> (transient), replacing any plant chosen before.</summary>
    public static IArmRnnBuilder UsePlant(this IArmRnnBuilder builder, Func<IServiceProvider, IPlant> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Transient(factory));
        return builder;
    }

    /// <summary>Uses <typeparamref name="TController"/> as the <see cref="IController"/> (transient), replacing
    /// any controller chosen before.</summary>
    public static IArmRnnBuilder UseController<TController>(this IArmRnnBuilder builder)
        where TController : class, IController
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Transient<IController, TController>());
        return builder;
    }

    /// <summary>Uses the controller made by <paramref name="factory"/> (transient), replacing any chosen before.</summary>
    public static IArmRnnBuilder UseController(this IArmRnnBuilder builder, Func<IServiceProvider, IController> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Transient(factory));
        return builder;
    }

    /// <summary>Adds a dataset source; all added sources are available as <c>IEnumerable&lt;IDatasetSource&gt;</c>.</summary>
    public static IArmRnnBuilder AddDatasetSource(this IArmRnnBuilder builder, Func<IServiceProvider, IDatasetSource> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddTransient(factory);
        return builder;
    }

    /// <summary>
    /// Uses the linear <see cref="PointMassPlant"/> (the test and demo plant) with the container's control step;
    /// its options are validated when the host starts.
    /// </summary>
    public static IArmRnnBuilder UsePointMassPlant(this IArmRnnBuilder builder, Action<PointMassPlantOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions(configure);
        return builder.UsePlant(sp => new PointMassPlant(
            sp.GetRequiredService<IOptions<ArmRnnOptions>>().Value.ControlStep,
            sp.GetRequiredService<IOptions<PointMassPlantOptions>>().Value));
    }

    /// <summary>Registers options of type <typeparamref name="TOptions"/>, validated when the host starts (for
    /// backend packages that add their own options).</summary>
    public static IArmRnnBuilder AddValidatedOptions<TOptions>(this IArmRnnBuilder builder, Action<TOptions>? configure = null)
        where TOptions : class, IValidatableOptions
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, ValidatableOptionsValidator<TOptions>>());
        return builder;
    }
}
