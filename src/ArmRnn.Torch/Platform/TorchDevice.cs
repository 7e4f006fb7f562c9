using TorchSharp;

namespace ArmRnn.Torch.Platform;

/// <summary>Chooses the device networks run on: CUDA when TorchSharp sees a GPU, else the CPU, unless overridden.</summary>
public static class TorchDevice
{
    /// <summary>The environment variable that overrides <see cref="Default"/> (e.g. <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>).</summary>
    public const string EnvironmentVariable = "ARMRNN_DEVICE";

    /// <summary>
    /// The default device: the value of <see cref="EnvironmentVariable"/> when set, else <c>cuda</c> when
    /// <c>torch.cuda.is_available()</c>, else <c>cpu</c>. Evaluated on each call (nothing is cached).
    /// </summary>
    public static torch.Device Default
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(overridden))
            {
                return Parse(overridden);
            }

            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }
    }

    /// <summary>The device named <paramref name="name"/> (<c>cpu</c>, <c>cuda</c>, <c>cuda:0</c>, ...), or
    /// <see cref="Default"/> when it is null or empty.</summary>
    /// <exception cref="ArgumentException">The name is not a device TorchSharp knows, or CUDA was asked for and is not
    /// available.</exception>
    public static torch.Device Resolve(string? name) => string.IsNullOrWhiteSpace(name) ? Default : Parse(name);

    /// <summary>Parses a device name.</summary>
    /// <exception cref="ArgumentException">The name is not a device TorchSharp knows, or CUDA was asked for and is not
    /// available.</exception>
    public static torch.Device Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        torch.Device device;
        try
        {
            device = new torch.Device(name.Trim());
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"'{name}' is not a device name TorchSharp knows (use cpu, cuda or cuda:N).", nameof(name), ex);
        }

        if (device.type == DeviceType.CUDA && !torch.cuda.is_available())
        {
            throw new ArgumentException(
                $"Device '{name}' was asked for but CUDA is not available (reference a TorchSharp CUDA package, e.g. TorchSharp-cuda-linux, and check the driver).",
                nameof(name));
        }

        return device;
    }
}
