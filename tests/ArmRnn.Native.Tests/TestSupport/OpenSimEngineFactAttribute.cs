namespace ArmRnn.Native.Tests.TestSupport;

/// <summary>
/// A fact that needs the native library with its OpenSim engine, which is built only against an OpenSim C++ SDK. No
/// package registry serves that SDK, so CI has none either: the test is skipped wherever the engine is absent, saying
/// why.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OpenSimEngineFactAttribute : FactAttribute
{
    public OpenSimEngineFactAttribute()
    {
        Skip = NativeLibraryProbe.OpenSimProblem;
    }
}
