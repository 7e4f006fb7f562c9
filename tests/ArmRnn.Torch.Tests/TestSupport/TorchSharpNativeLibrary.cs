using ArmRnn.Torch.Build;
using TorchSharp;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>Where TorchSharp's native library is: in the test's output folder and in the NuGet package cache.</summary>
internal static class TorchSharpNativeLibrary
{
    public const string FileName = "libLibTorchSharp.so";

    public const string MissingVersion = "GLIBCXX_3.4.32";

    public static string InOutput
    {
        get
        {
            var nested = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", FileName);
            return File.Exists(nested) ? nested : Path.Combine(AppContext.BaseDirectory, FileName);
        }
    }

    public static string InPackageCache
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            }

            var version = typeof(torch).Assembly.GetName().Version!;
            return Path.Combine(root, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}", "runtimes", "linux-x64", "native", FileName);
        }
    }

    /// <summary>Whether this machine's libstdc++ lacks the version TorchSharp's library asks for.</summary>
    public static bool HostLacksVersion()
    {
        var host = ArmRnnWeakenMissingGlibcxxVersions.FindHostLibstdcxx();
        return host is not null
            && !ArmRnnWeakenMissingGlibcxxVersions.Elf.Parse(File.ReadAllBytes(host)).DefinedVersions().Contains(MissingVersion);
    }
}
