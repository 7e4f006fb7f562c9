using Microsoft.Extensions.DependencyInjection;

namespace ArmRnn.DependencyInjection;

/// <summary>The default <see cref="IArmRnnBuilder"/>.</summary>
internal sealed class ArmRnnBuilder(IServiceCollection services) : IArmRnnBuilder
{
    /// <inheritdoc />
    public IServiceCollection Services { get; } = services;
}
