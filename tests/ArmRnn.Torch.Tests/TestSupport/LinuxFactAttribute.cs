namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>A fact about TorchSharp's Linux native library: skipped, saying why, on other systems.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "TorchSharp's Linux library (libLibTorchSharp.so) is patched only on Linux.";
        }
    }
}
