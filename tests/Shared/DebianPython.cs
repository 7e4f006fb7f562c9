using System.Diagnostics;

namespace ArmRnn.Tests.Shared;

/// <summary>
/// Debian's <c>/usr/bin/python3</c>, which cross-check tests run (not a pyenv or venv python on PATH): Debian's
/// python3-h5py and python3-torch install their modules for it.
/// </summary>
internal static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Whether this is a CI run (<c>CI=true</c>), where <c>.ci/run</c> installs the modules, so a test
    /// that needs them must run and fail rather than skip.</summary>
    public static bool InContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="module"/> cannot be imported (naming the Debian package to install), or null
    /// when it can.</summary>
    public static string? FindProblem(string module, string package)
    {
        if (!File.Exists(Path))
        {
            return $"{Path} is missing; install Debian's python3 and {package}.";
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(Path, ["-c", $"import {module}"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return $"{Path} could not be started.";
            }

            process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{module} is not importable by {Path} (apt-get install {package}): {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{Path} could not be started: {ex.Message}";
        }
    }
}
