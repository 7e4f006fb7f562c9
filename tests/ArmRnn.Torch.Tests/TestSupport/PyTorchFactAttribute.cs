using System.Diagnostics;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>
/// A fact that needs Debian's <c>/usr/bin/python3</c> with PyTorch (<c>apt-get install python3-torch</c>). Skipped,
/// saying why, on a developer machine without it; in CI (<c>CI=true</c>) it always runs, so a missing install fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PyTorchFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    public PyTorchFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var problem = FindProblem();
        if (problem is not null && !inCi)
        {
            Skip = problem;
        }
    }

    private static string? FindProblem()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing; install Debian's python3 and python3-torch to run the PyTorch cross-check.";
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import torch"])
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
            return process.ExitCode == 0 ? null : $"PyTorch is not importable by {Python} (apt-get install python3-torch): {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{Python} could not be started: {ex.Message}";
        }
    }
}
