namespace ArmRnn.Torch.Pipeline;

/// <summary>One cell of the generation matrix: ArmNet generation <paramref name="ModelGeneration"/> on the held-out
/// test data of generation <paramref name="DataGeneration"/>, VAF in percent.</summary>
/// <param name="ModelGeneration">The ArmNet's generation.</param>
/// <param name="DataGeneration">The test data's generation.</param>
/// <param name="HandX">VAF (%) of the hand x channel.</param>
/// <param name="HandY">VAF (%) of the hand y channel.</param>
/// <param name="Mean">Mean VAF (%) over all channels with a defined VAF.</param>
public sealed record ArmNetScore(int ModelGeneration, int DataGeneration, double HandX, double HandY, double Mean);
