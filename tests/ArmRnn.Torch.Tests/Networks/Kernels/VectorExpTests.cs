using System.Runtime.Intrinsics;
using ArmRnn.Torch.Networks.Kernels;
using ArmRnn.Torch.Tests.TestSupport;

namespace ArmRnn.Torch.Tests.Networks.Kernels;

/// <summary><see cref="VectorExp"/> and the gate functions built on it, against double-precision
/// <see cref="Math.Exp"/>.</summary>
public sealed class VectorExpTests
{
    [Avx2Fact]
    public void Exp_is_within_two_units_in_the_last_place_over_the_float_range()
    {
        // 200,000 points from −87 to 88 (the clamp's inside) plus small arguments, where range reduction matters most.
        // One unit in the last place of a float is 2⁻²³ relative at most; the polynomial and the two-part reduction give
        // about one, so two (2.4e-7 relative) is the bound; a wrong coefficient or reduction constant is far above it.
        var arguments = Enumerable.Range(0, 200_000).Select(i => -87f + (175f * i / 199_999f))
            .Concat(Enumerable.Range(-1000, 2001).Select(i => i * 1e-4f)).ToArray();
        var worst = 0.0;
        for (var i = 0; i + 8 <= arguments.Length; i += 8)
        {
            var result = VectorExp.Exp(Vector256.Create(arguments, i));
            for (var j = 0; j < 8; j++)
            {
                var exact = Math.Exp(arguments[i + j]);
                worst = Math.Max(worst, Math.Abs(result[j] - exact) / exact);
            }
        }

        Assert.True(worst <= 2 * Math.Pow(2, -23), $"largest relative error {worst:E2}");
    }

    [Avx2Fact]
    public void Extreme_arguments_stay_finite_and_NaN_passes_through()
    {
        var result = VectorExp.Exp(Vector256.Create(float.PositiveInfinity, float.NegativeInfinity, 1e30f, -1e30f, float.NaN, 88f, -87.3f, 0f));
        Assert.Equal((float)Math.Exp(88), result[0], 1e32f); // clamped at 88: e⁸⁸ ≈ 1.65e38, finite
        Assert.True(result[1] > 0 && result[1] < 1.3e-38f);
        Assert.Equal(result[0], result[2]);
        Assert.Equal(result[1], result[3]);
        Assert.True(float.IsNaN(result[4]));
        Assert.True(float.IsFinite(result[5]));
        Assert.Equal(1f, result[7]);
    }
}
