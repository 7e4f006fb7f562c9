using ArmRnn.Tests.Shared;

namespace ArmRnn.Core.Tests.Data;

/// <summary>
/// A fact that needs Debian's <c>/usr/bin/python3</c> with h5py (<c>apt-get install python3-h5py</c>). On a developer
/// machine without them it is skipped, saying why; in CI (<c>CI=true</c>, where <c>.ci/run</c> installs them) it
/// always runs, so a missing install fails instead of hiding.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class H5pyFactAttribute : FactAttribute
{
    public const string Python = DebianPython.Path;

    public H5pyFactAttribute()
    {
        var problem = DebianPython.FindProblem("h5py", "python3-h5py");
        if (problem is not null && !DebianPython.InContinuousIntegration)
        {
            Skip = problem;
        }
    }
}
