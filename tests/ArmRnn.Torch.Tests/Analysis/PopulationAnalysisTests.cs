using ArmRnn.Data;
using ArmRnn.Randomness;
using ArmRnn.Torch.Analysis;
using MathNet.Numerics.LinearAlgebra;

namespace ArmRnn.Torch.Tests.Analysis;

/// <summary>PCA, jPCA, CCA, Procrustes and tangling against closed-form answers (no Torch involved).</summary>
public sealed class PopulationAnalysisTests
{
    [Theory]
    [InlineData(1.0, 0.1, 0.99750)]
    [InlineData(0.95, 0.1, 0.75007)]
    public void JPca_of_a_scaled_rotation_fits_exactly_and_its_skew_part_has_the_closed_form_R2(double rho, double theta, double published)
    {
        // x_{t+1} = ρR(θ)x_t from 8 evenly spaced start angles: dx = (ρR − I)x exactly, so R²_best = 1. The eight
        // states at each time are evenly spaced on a circle, so ΣxxT ∝ I and the skew fit is the skew part of ρR − I;
        // its residual is the symmetric part (ρcosθ − 1)I, giving R²_skew = ρ²sin²θ / ((ρcosθ − 1)² + ρ²sin²θ).
        const int steps = 30;
        var data = new TrajectoryArray(8, steps, 2);
        for (var c = 0; c < 8; c++)
        {
            var angle = 2 * Math.PI * c / 8;
            for (var t = 0; t < steps; t++)
            {
                var radius = Math.Pow(rho, t);
                data[c, t, 0] = radius * Math.Cos(angle + (t * theta));
                data[c, t, 1] = radius * Math.Sin(angle + (t * theta));
            }
        }

        var result = JPca.Fit(data, dt: 0.01, new JPcaOptions { Dimensions = 2 });
        var s = Math.Sin(theta);
        var expected = rho * rho * s * s / (Math.Pow((rho * Math.Cos(theta)) - 1, 2) + (rho * rho * s * s));
        // Both are least-squares fits of exactly representable data: agreement to rounding (1e-10).
        Assert.Equal(1.0, result.RSquaredBest, 10);
        Assert.Equal(expected, result.RSquaredSkew, 10);
        Assert.Equal(published, result.RSquaredSkew, 5);
        // One plane, rotating at the skew part's rate ρ sinθ per step, in the direction of the data (counter-clockwise).
        var plane = Assert.Single(result.Planes);
        Assert.Equal(rho * s / 0.01, plane.Frequency, 8);
        var p0 = plane.Projection.At(0, 0).ToArray();
        var p1 = plane.Projection.At(0, 1).ToArray();
        Assert.True((p0[0] * p1[1]) - (p0[1] * p1[0]) > 0, "the jPC plane is not oriented along the rotation");
    }

    [Fact]
    public void JPca_finds_the_rotation_plane_embedded_in_more_units()
    {
        // The same rotation (ρ = 1, θ = 0.1) in a random 2-D plane of 10 units plus a component along a third direction
        // that decays as 0.9ᵗ with amplitude cos(2·angle): across the 8 evenly spaced conditions it is uncorrelated
        // with the rotating coordinates (Σ cos 2a·cos(a + φ) = 0), so the fits decouple and the jPC plane is exactly
        // the embedding plane.
        var random = new DeterministicRandom(3);
        var basis = RandomOrthonormal(10, 3, random);
        const int steps = 40;
        var data = new TrajectoryArray(8, steps, 10);
        for (var c = 0; c < 8; c++)
        {
            var angle = 2 * Math.PI * c / 8;
            for (var t = 0; t < steps; t++)
            {
                var coordinates = new[] { Math.Cos(angle + (0.1 * t)), Math.Sin(angle + (0.1 * t)), 0.3 * Math.Cos(2 * angle) * Math.Pow(0.9, t) };
                for (var u = 0; u < 10; u++)
                {
                    data[c, t, u] = (basis[u, 0] * coordinates[0]) + (basis[u, 1] * coordinates[1]) + (basis[u, 2] * coordinates[2]);
                }
            }
        }

        var result = JPca.Fit(data, 0.01, new JPcaOptions { Dimensions = 3 });
        Assert.Equal(1.0, result.RSquaredBest, 8);
        var plane = result.Planes[0];
        // Both jPC vectors lie in the embedding plane: their projection on it has unit length (to 1e-8).
        foreach (var vector in new[] { plane.FirstInUnits, plane.SecondInUnits })
        {
            var a = Enumerable.Range(0, 10).Sum(u => vector[u] * basis[u, 0]);
            var b = Enumerable.Range(0, 10).Sum(u => vector[u] * basis[u, 1]);
            Assert.Equal(1.0, (a * a) + (b * b), 8);
        }
    }

    [Fact]
    public void Pca_variance_explained_matches_a_known_covariance()
    {
        // The 2n points ±s_i·u_i (u_i orthonormal, random) have mean 0 and sample covariance
        // Σ 2 s_i² u_i u_iᵀ / (2n − 1): eigenvalues 2 s_i² / (2n − 1) along u_i, so the variance explained is
        // s_i² / Σ s_j² exactly.
        var random = new DeterministicRandom(5);
        var scales = new[] { 3.0, 2.0, 1.0, 0.5 };
        var u = RandomOrthonormal(6, 4, random);
        var data = Matrix<double>.Build.Dense(8, 6);
        for (var i = 0; i < 4; i++)
        {
            for (var k = 0; k < 6; k++)
            {
                data[2 * i, k] = scales[i] * u[k, i];
                data[(2 * i) + 1, k] = -scales[i] * u[k, i];
            }
        }

        var pca = PrincipalComponents.Fit(data);
        var total = scales.Sum(s => s * s);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(scales[i] * scales[i] / total, pca.VarianceExplained[i], 12);
            Assert.Equal(2 * scales[i] * scales[i] / 7, pca.Variances[i], 12);
            // The component is ±u_i.
            var dot = Enumerable.Range(0, 6).Sum(k => pca.Components[k, i] * u[k, i]);
            Assert.Equal(1.0, Math.Abs(dot), 10);
        }

        Assert.Equal(0, pca.VarianceExplained[4], 12);
        Assert.Equal(1.0, pca.CumulativeVarianceExplained[^1], 12);
    }

    [Fact]
    public void Pca_of_a_gaussian_sample_recovers_the_population_covariance_within_sampling_error()
    {
        // 20 000 samples with covariance diag(4, 1, 0.25) rotated: the fractions 4/5.25, 1/5.25, 0.25/5.25 are
        // recovered to about 1% (the standard error of a variance estimate is √(2/N) ≈ 1% of it).
        var random = new DeterministicRandom(9);
        var rotation = RandomOrthonormal(3, 3, random);
        var std = new[] { 2.0, 1.0, 0.5 };
        var data = Matrix<double>.Build.Dense(20000, 3, (_, _) => 0.0);
        for (var r = 0; r < data.RowCount; r++)
        {
            var z = std.Select(s => s * random.NextNormal()).ToArray();
            for (var k = 0; k < 3; k++)
            {
                data[r, k] = 5 + Enumerable.Range(0, 3).Sum(j => rotation[k, j] * z[j]);
            }
        }

        var pca = PrincipalComponents.Fit(data);
        Assert.Equal(4 / 5.25, pca.VarianceExplained[0], 2);
        Assert.Equal(1 / 5.25, pca.VarianceExplained[1], 2);
        Assert.Equal(0.25 / 5.25, pca.VarianceExplained[2], 2);
        Assert.Equal(5.0, pca.Mean[0], 1);
    }

    [Fact]
    public void Cca_of_an_invertible_mix_is_all_ones_and_of_a_turned_plane_is_one_and_cos_theta()
    {
        var random = new DeterministicRandom(11);
        var x = Matrix<double>.Build.Dense(200, 4, (_, _) => random.NextNormal());
        var w = Matrix<double>.Build.Dense(4, 4, (_, _) => random.NextNormal()) + (4 * Matrix<double>.Build.DenseIdentity(4));
        var mixed = CanonicalCorrelation.Fit(x, x * w);
        Assert.Equal(4, mixed.Correlations.Count);
        // Same column space: every principal angle is 0 (to rounding, 1e-10).
        Assert.All(mixed.Correlations, r => Assert.Equal(1.0, r, 10));

        // Orthonormal, centred a, b, c: span(a, b) against span(a, cosθ·b + sinθ·c) (mixed by an invertible 2×2)
        // has principal angles 0 and θ.
        const double theta = 0.7;
        var basis = CenteredOrthonormal(200, 3, random);
        var plane = Matrix<double>.Build.Dense(200, 2, (r, k) => basis[r, k]);
        var turned = Matrix<double>.Build.Dense(200, 2, (r, k) => k == 0 ? basis[r, 0] : (Math.Cos(theta) * basis[r, 1]) + (Math.Sin(theta) * basis[r, 2]));
        var mix = Matrix<double>.Build.DenseOfArray(new[,] { { 2.0, 1.0 }, { -0.5, 1.5 } });
        var result = CanonicalCorrelation.Fit(plane, turned * mix);
        Assert.Equal(1.0, result.Correlations[0], 10);
        Assert.Equal(Math.Cos(theta), result.Correlations[1], 10);
        // The canonical variates are unit-norm and correlate as reported.
        var u = CanonicalCorrelation.Center(plane) * result.XWeights;
        var v = CanonicalCorrelation.Center(turned * mix) * result.YWeights;
        Assert.Equal(Math.Cos(theta), u.Column(1).DotProduct(v.Column(1)), 10);
    }

    [Fact]
    public void Procrustes_of_a_rotated_scaled_shifted_copy_is_a_perfect_match()
    {
        var random = new DeterministicRandom(13);
        var x = Matrix<double>.Build.Dense(50, 3, (_, _) => random.NextNormal());
        var q = RandomOrthonormal(3, 3, random);
        var y = (x * q * 2.5) + Matrix<double>.Build.Dense(50, 3, (_, k) => k + 1.0);
        var same = ProcrustesAnalysis.Fit(x, y);
        Assert.Equal(0, same.Disparity, 12);
        Assert.Equal(1, same.Similarity, 12);
        // R undoes the rotation: Ŷ·R = X̂ ⇒ R = Qᵀ.
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(q[j, i], same.Rotation[i, j], 10);
            }
        }

        // Unrelated data is far from a match (independent Gaussians: disparity near 1 − O(1/√N)).
        var other = Matrix<double>.Build.Dense(50, 3, (_, _) => random.NextNormal());
        Assert.True(ProcrustesAnalysis.Fit(x, other).Similarity < 0.5);
    }

    [Fact]
    public void Tangling_of_a_unit_circle_is_38_4934_at_every_sample()
    {
        // ω = 2π rad/s, 10 ms steps, 100 samples (one period), wrap-around forward differences: see Tangling's remarks
        // for the closed form 4r²/(4 + ε) with r = 2 sin(π/100)/0.01 and ε = 0.1·100/99.
        var data = new TrajectoryArray(1, 100, 2);
        for (var t = 0; t < 100; t++)
        {
            data[0, t, 0] = Math.Cos(2 * Math.PI * t * 0.01);
            data[0, t, 1] = Math.Sin(2 * Math.PI * t * 0.01);
        }

        var result = Tangling.Compute(data, 0.01, new TanglingOptions { Periodic = true });
        var r = 2 * Math.Sin(Math.PI / 100) / 0.01;
        var closedForm = 4 * r * r / (4 + (0.1 * 100 / 99));
        Assert.Equal(100.0 / 99, result.TotalVariance, 12);
        Assert.Equal(100, result.Values[0].Length);
        Assert.All(result.Values[0], q =>
        {
            Assert.Equal(closedForm, q, 9);
            Assert.Equal(38.4934, q, 4);
        });
    }

    [Fact]
    public void Tangling_is_high_where_a_figure_eight_crosses_itself()
    {
        // A figure eight (x = sin 2φ, y = sin φ) passes the origin twice (samples 0 and 100) with velocities π(2, ±1):
        // there Q ≥ ‖ẋ − ẋ'‖²/ε ≈ 4π²/0.1 ≈ 395, the largest tangling on the curve; away from the crossing it is lower.
        var data = new TrajectoryArray(1, 200, 2);
        for (var t = 0; t < 200; t++)
        {
            var phi = 2 * Math.PI * t / 200;
            data[0, t, 0] = Math.Sin(2 * phi);
            data[0, t, 1] = Math.Sin(phi);
        }

        var q = Tangling.Compute(data, 0.01, new TanglingOptions { Periodic = true }).Values[0];
        var peak = Array.IndexOf(q, q.Max());
        Assert.True(Math.Min(Math.Abs(peak - 0), Math.Min(Math.Abs(peak - 100), Math.Abs(peak - 200))) <= 1, $"Q peaks at sample {peak}");
        Assert.InRange(q[0], 350, 450);
        Assert.True(q[50] < q[0] / 2, $"Q at the top of a loop {q[50]} vs at the crossing {q[0]}");
    }

    private static Matrix<double> RandomOrthonormal(int rows, int columns, DeterministicRandom random)
    {
        var m = Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextNormal());
        return m.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
    }

    private static Matrix<double> CenteredOrthonormal(int rows, int columns, DeterministicRandom random)
    {
        var m = Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextNormal());
        return CanonicalCorrelation.Center(m).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
    }
}
