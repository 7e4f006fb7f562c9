using ArmRnn.Torch.Networks.Kernels;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>A fact about ArmRnn's own CPU kernels, which need AVX2 and FMA: skipped, with the reason, on processors
/// without them (where the networks use LibTorch's kernels instead).</summary>
public sealed class Avx2FactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when the processor lacks the instructions.</summary>
    public Avx2FactAttribute() => Skip = SkipReason;

    /// <summary>Null where the kernels run, else why a test of them is skipped.</summary>
    internal static string? SkipReason =>
        MatrixProduct.IsSupported ? null : "This processor has no AVX2 and FMA; ArmRnn's own GRU kernels do not run on it.";
}
