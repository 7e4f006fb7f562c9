using Microsoft.Extensions.DependencyInjection;

namespace ArmRnn.DependencyInjection;

/// <summary>Returned by <c>services.AddArmRnn(...)</c>; plants, controllers and dataset sources are added through
/// its extension methods (this package's and those of ArmRnn.OpenSim and ArmRnn.Torch).</summary>
public interface IArmRnnBuilder
{
    /// <summary>The service collection being configured.</summary>
    IServiceCollection Services { get; }
}
