using ArmRnn.Randomness;
using ArmRnn.Torch.Analysis;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Tests.Analysis;

[Collection(TorchCollection.Name)]
public sealed class FixedPointLeakTests(ITestOutputHelper output)
{
    private static long Live => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    [Fact]
    public void Fixed_point_searches_leave_no_tensors_behind()
    {
        torch.set_num_threads(1);
        torch.manual_seed(5);
        using var cell = nn.GRUCell(2, 20);
        using var input = torch.zeros(1, 2);
        var map = new DelegateRecurrentMap(20, h => cell.call(input.expand(h.shape[0], -1), h), dt: 0.01);
        var random = new DeterministicRandom(3);
        var starts = Enumerable.Range(0, 32).Select(_ => Enumerable.Range(0, 20).Select(_ => random.NextNormal() * 0.5).ToArray()).ToList();
        var counts = new List<long>();
        foreach (var method in new[] { JacobianMethod.Dense, JacobianMethod.TopEigenvalues, JacobianMethod.Dense, JacobianMethod.TopEigenvalues })
        {
            var result = new FixedPointFinder(new FixedPointOptions { MaxIterations = 300, Jacobian = method, TopEigenvalueCount = 4, KeepSlowPoints = true }).Find(map, starts);
            Assert.NotEmpty(result.Points);
            _ = FixedPointStarts.Simulate(map, starts, 5);
            counts.Add(Live);
        }

        output.WriteLine($"live tensors after each search: {string.Join(", ", counts)}");
        Assert.Equal(counts[0], counts[2]);
        Assert.Equal(counts[1], counts[3]);
        Assert.Equal(counts[0], counts[1]);
    }

    [Fact]
    public void Top_eigenvalues_by_Jacobian_vector_products_match_the_dense_spectrum()
    {
        // A random 48-unit GRU cell at a random state: Arnoldi on J·v (double backward) against MathNet's dense
        // eigenvalues of the autograd Jacobian. float32 products limit agreement to about 1e-5; 1e-4 is asserted.
        torch.set_num_threads(1);
        torch.manual_seed(8);
        using var cell = nn.GRUCell(3, 48);
        using (torch.no_grad())
        {
            foreach (var p in cell.parameters())
            {
                p.mul_(3);
            }
        }

        using var input = torch.ones(1, 3);
        var map = new DelegateRecurrentMap(48, h => cell.call(input.expand(h.shape[0], -1), h), dt: 0.01);
        var random = new DeterministicRandom(4);
        var state = Enumerable.Range(0, 48).Select(_ => random.NextNormal() * 0.3).ToArray();
        var options = new FixedPointOptions { MaxIterations = 0, NewtonSteps = 0, QTolerance = double.MaxValue, StartNoiseStd = 0, TopEigenvalueCount = 5 };
        var dense = new FixedPointFinder(options).Find(map, [state]).Points.Single().Spectrum!;
        options.Jacobian = JacobianMethod.TopEigenvalues;
        var top = new FixedPointFinder(options).Find(map, [state]).Points.Single().Spectrum!;
        output.WriteLine($"dense: {string.Join(", ", dense.Eigenvalues.Take(5))}");
        output.WriteLine($"top:   {string.Join(", ", top.Eigenvalues)}");
        Assert.False(top.IsComplete);
        Assert.Equal(5, top.Eigenvalues.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((top.Eigenvalues[i] - dense.Eigenvalues[i]).Magnitude < 1e-4, $"eigenvalue {i}: {top.Eigenvalues[i]} vs {dense.Eigenvalues[i]}");
        }

        // The leading eigenvectors agree up to a complex phase: |⟨a, b⟩| = 1.
        var a = top.Eigenvectors[0];
        var b = dense.Eigenvectors[0];
        var overlap = System.Numerics.Complex.Zero;
        for (var i = 0; i < 48; i++)
        {
            overlap += System.Numerics.Complex.Conjugate(a[i]) * b[i];
        }

        Assert.Equal(1.0, overlap.Magnitude, 3);
    }
}
