using ArmRnn.Abstractions;
using ArmRnn.DependencyInjection;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ArmRnn.Torch.DependencyInjection;

/// <summary>Registers the generation pipeline in an ArmRnn container.</summary>
public static class PipelineArmRnnBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="GenerationPipeline"/> (transient) with its options (validated when the host starts; the
    /// <see cref="GenerationPipelineOptions.Seed"/> defaults to <see cref="ArmRnnOptions.Seed"/>). Its plants are the
    /// registered <see cref="PipelinePlants"/>, or else the registered <see cref="IPlant"/> for everything.
    /// Networks run on <see cref="TorchDevice.Default"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes to the options (they start as <see cref="GenerationPipelineOptions.Quick"/>).</param>
    public static IArmRnnBuilder AddGenerationPipeline(this IArmRnnBuilder builder, Action<GenerationPipelineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddTransient(sp =>
        {
            var options = GenerationPipelineOptions.Quick();
            options.Seed = sp.GetRequiredService<IOptions<ArmRnnOptions>>().Value.Seed;
            configure?.Invoke(options);
            return options;
        });
        builder.Services.TryAddTransient(sp => new GenerationPipeline(
            sp.GetRequiredService<GenerationPipelineOptions>(),
            sp.GetService<PipelinePlants>() ?? new PipelinePlants(sp.GetRequiredService<IPlant>())));
        return builder;
    }

    /// <summary>Registers the plants of the pipeline: the real plant and its start-state samplers.</summary>
    public static IArmRnnBuilder UsePipelinePlants(this IArmRnnBuilder builder, Func<IServiceProvider, PipelinePlants> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Transient(factory));
        return builder;
    }
}
