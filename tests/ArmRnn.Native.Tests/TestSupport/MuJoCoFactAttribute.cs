namespace ArmRnn.Native.Tests.TestSupport;

/// <summary>
/// A fact that needs the native library with its MuJoCo engine. Without it the test is skipped, saying why, except in
/// CI (<c>CI=true</c>, where <c>.ci/run</c> installs libmujoco-dev and cmake and the build compiles native/): there
/// it runs and fails, so a broken native build cannot hide behind skips.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MuJoCoFactAttribute : FactAttribute
{
    public MuJoCoFactAttribute()
    {
        var problem = NativeLibraryProbe.MuJoCoProblem;
        if (problem is not null && !NativeLibraryProbe.InContinuousIntegration)
        {
            Skip = problem;
        }
    }
}
