using System.Diagnostics;

namespace ArmRnn.Core.Tests.Data;

/// <summary>
/// A fact that needs Debian's <c>/usr/bin/python3</c> with h5py (<c>apt-get install python3-h5py</c>). On a developer
/// machine without them it is skipped, saying why; in CI (<c>CI=true</c>, where <c>.ci/run</c> installs them) it
/// always runs, so a missing install fails instead of hiding.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class H5pyFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    public H5pyFactAttribute()
    {
        var problem = FindProblem();
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (problem is not null && !inCi)
        {
            Skip = problem;
        }
    }

    private static string? FindProblem()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing; install Debian's python3 and python3-h5py to run the h5py cross-check.";
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import h5py"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return $"{Python} could not be started.";
            }

            process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"h5py is not importable by {Python} (apt-get install python3-h5py): {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{Python} could not be started: {ex.Message}";
        }
    }
}
