using ArmRnn.Tests.Shared;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>
/// A fact that needs Debian's <c>/usr/bin/python3</c> with PyTorch (<c>apt-get install python3-torch</c>). Skipped,
/// saying why, on a developer machine without it; in CI (<c>CI=true</c>) it always runs, so a missing install fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PyTorchFactAttribute : FactAttribute
{
    public const string Python = DebianPython.Path;

    public PyTorchFactAttribute()
    {
        var problem = DebianPython.FindProblem("torch", "python3-torch");
        if (problem is not null && !DebianPython.InContinuousIntegration)
        {
            Skip = problem;
        }
    }
}
