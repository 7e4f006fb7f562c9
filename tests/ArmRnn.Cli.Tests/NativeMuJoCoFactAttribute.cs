using ArmRnn.OpenSim.Native;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Cli.Tests;

/// <summary>
/// A fact that needs the native plant library with its MuJoCo engine, as the build of tests/ArmRnn.Native.Tests
/// leaves it in native/obj/cmake (dotnet test ArmRnn.sln builds it first). Without it the test is skipped, saying
/// why, except in CI (<c>CI=true</c>), where it must be there and the test runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NativeMuJoCoFactAttribute : FactAttribute
{
    public NativeMuJoCoFactAttribute()
    {
        var problem = FindProblem();
        if (problem is not null && !DebianPython.InContinuousIntegration)
        {
            Skip = problem;
        }
    }

    /// <summary>The library built from native/ by the solution build.</summary>
    public static string LibraryPath => Path.Combine(RepositoryPaths.Root, "native", "obj", "cmake", "libarmrnn_plant.so");

    private static string? FindProblem()
    {
        if (!File.Exists(LibraryPath))
        {
            return $"{LibraryPath} is missing: build the solution (or tests/ArmRnn.Native.Tests) with cmake and libmujoco-dev installed.";
        }

        try
        {
            return NativePlant.IsEngineAvailable(NativeEngine.MuJoCo, LibraryPath) ? null : $"{LibraryPath} was built without MuJoCo (apt-get install libmujoco-dev).";
        }
        catch (Exception ex) when (ex is DllNotFoundException or InvalidOperationException)
        {
            return ex.Message;
        }
    }
}
