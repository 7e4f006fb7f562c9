using TorchSharp;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>A fact that needs a CUDA device: skipped, saying why, when TorchSharp sees none (the test project references
/// TorchSharp-cpu; run with a CUDA backend package to exercise it).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
        {
            Skip = "No CUDA device: torch.cuda.is_available() is false (the tests reference TorchSharp-cpu).";
        }
    }
}
