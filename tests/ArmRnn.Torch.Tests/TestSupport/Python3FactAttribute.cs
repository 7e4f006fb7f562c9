using ArmRnn.Tests.Shared;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>
/// A fact that needs only Debian's <c>/usr/bin/python3</c> (no extra modules), e.g. for the benchmark scripts' pure
/// Python parts. Skipped, saying why, where it is missing; in CI (<c>CI=true</c>) it always runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class Python3FactAttribute : FactAttribute
{
    public Python3FactAttribute()
    {
        if (!File.Exists(DebianPython.Path) && !DebianPython.InContinuousIntegration)
        {
            Skip = $"{DebianPython.Path} is missing; install Debian's python3.";
        }
    }
}
