namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>A theory about ArmRnn's own CPU kernels, which need AVX2 and FMA: skipped, with the reason, on processors
/// without them (where the networks use LibTorch's kernels instead).</summary>
public sealed class Avx2TheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason when the processor lacks the instructions.</summary>
    public Avx2TheoryAttribute() => Skip = Avx2FactAttribute.SkipReason;
}
