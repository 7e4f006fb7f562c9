using ArmRnn.OpenSim.Native;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Native.Tests.TestSupport;

/// <summary>Whether the native plant library loads here and which engines it has; the reasons tests skip.</summary>
internal static class NativeLibraryProbe
{
    private static readonly Lazy<string?> LibraryProblem = new(FindLibraryProblem);

    /// <summary>Why the MuJoCo engine cannot be used here, or null when it can.</summary>
    public static string? MuJoCoProblem => LibraryProblem.Value ?? EngineProblem(NativeEngine.MuJoCo,
        "libarmrnn_plant was built without the MuJoCo engine: apt-get install libmujoco-dev and rebuild (dotnet build runs cmake on native/)");

    /// <summary>Why the OpenSim engine cannot be used here, or null when it can.</summary>
    public static string? OpenSimProblem => LibraryProblem.Value ?? EngineProblem(NativeEngine.OpenSim,
        "libarmrnn_plant was built without the OpenSim engine (it needs an OpenSim 4.3+ C++ SDK: build with ArmRnnOpenSimDir or cmake -DOpenSim_DIR=<install>/lib/cmake/OpenSim); the OpenSim engine is not compiled or tested on this machine");

    /// <summary>Whether this is a CI run, where the MuJoCo engine must be present.</summary>
    public static bool InContinuousIntegration => DebianPython.InContinuousIntegration;

    private static string? FindLibraryProblem()
    {
        try
        {
            NativePlant.LibraryAbiVersion();
            return null;
        }
        catch (DllNotFoundException ex)
        {
            return ex.Message;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    private static string? EngineProblem(NativeEngine engine, string reason) =>
        NativePlant.IsEngineAvailable(engine) ? null : reason;
}
