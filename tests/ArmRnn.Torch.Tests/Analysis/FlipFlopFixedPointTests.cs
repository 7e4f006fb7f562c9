using System.Diagnostics;
using ArmRnn.Data;
using ArmRnn.Randomness;
using ArmRnn.Torch.Analysis;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Tests.Analysis;

/// <summary>
/// A GRU trained on the 3-bit flip-flop task (Sussillo and Barak 2013) stores each of the 2³ output patterns as an
/// attractor: with no input it must hold any of the eight corners (±1, ±1, ±1) of the output cube, so it needs eight
/// stable fixed points whose read-outs sit near those corners.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FlipFlopFixedPointTests(ITestOutputHelper output)
{
    private const int Bits = 3;
    private const int Hidden = 24;
    private const int Steps = 40;

    [Fact]
    public void A_GRU_trained_on_a_3_bit_flip_flop_has_8_stable_fixed_points_near_the_cube_corners()
    {
        var watch = Stopwatch.StartNew();
        torch.set_num_threads(1);
        torch.manual_seed(3);
        using var gru = nn.GRU(Bits, Hidden, 1, batchFirst: true);
        using var readout = nn.Linear(Hidden, Bits);
        var random = new DeterministicRandom(11);
        using (var optimizer = torch.optim.Adam(gru.parameters().Concat(readout.parameters()), 0.01))
        {
            for (var iteration = 0; iteration < 400; iteration++)
            {
                using var scope = torch.NewDisposeScope();
                var (inputs, targets) = Trials(64, random);
                optimizer.zero_grad();
                var (sequence, _) = gru.call(inputs);
                var loss = (readout.call(sequence) - targets).square().mean();
                loss.backward();
                optimizer.step();
                if (iteration % 100 == 99)
                {
                    output.WriteLine($"iteration {iteration + 1}: loss {loss.item<float>():E3}");
                }
            }
        }

        output.WriteLine($"trained in {watch.Elapsed.TotalSeconds:F1} s");

        // Hidden states visited on fresh trials are the starts.
        TrajectoryArray visited;
        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var (inputs, _) = Trials(32, random);
            var (sequence, _) = gru.call(inputs);
            visited = new TrajectoryArray(32, Steps, Hidden);
            var values = sequence.to(ScalarType.Float64).contiguous().data<double>().ToArray();
            values.CopyTo(visited.AsSpan());
        }

        var map = new DelegateRecurrentMap(
            Hidden,
            h =>
            {
                using var scope = torch.NewDisposeScope();
                var (_, next) = gru.call(torch.zeros(h.shape[0], 1, Bits), h.unsqueeze(0));
                return next.squeeze(0).MoveToOuterDisposeScope();
            },
            dt: 0.01);
        var starts = FixedPointStarts.Sample(visited, 512, random.Fork(99));
        var result = new FixedPointFinder(new FixedPointOptions { StartNoiseStd = 0.05, MaxIterations = 2000 }).Find(map, starts);
        output.WriteLine($"{result.Points.Count} fixed points ({result.Stable.Count} stable) from {result.StartCount} starts in {result.Iterations} iterations; {watch.Elapsed.TotalSeconds:F1} s in all");

        var stable = result.Stable;
        var corners = new HashSet<string>(StringComparer.Ordinal);
        using (torch.no_grad())
        {
            foreach (var point in stable)
            {
                using var h = torch.tensor(point.State.Select(v => (float)v).ToArray(), [1, Hidden]);
                using var y = readout.call(h);
                var outputs = y.data<float>().ToArray();
                output.WriteLine($"stable point q={point.Q:E2} |λ|max={point.Spectrum!.SpectralRadius:F4} read-out [{string.Join(", ", outputs.Select(v => v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}]");
                // Near a corner: every output within 0.25 of ±1 (the trained network's held outputs are within a few
                // percent of ±1; a point between corners would read out near 0).
                Assert.All(outputs, v => Assert.InRange(Math.Abs(v), 0.75, 1.25));
                corners.Add(string.Concat(outputs.Select(v => v > 0 ? '+' : '-')));
            }
        }

        Assert.Equal(8, stable.Count);
        Assert.Equal(8, corners.Count);
        // The other points (saddles between the memories) have at least one unstable direction.
        Assert.All(result.Points.Except(stable), p => Assert.True(p.UnstableDirections >= 1));
    }

    /// <summary>Inputs: on each step each bit gets a pulse (±1) with probability 0.1 (always at step 0, so every
    /// output is defined). Targets: the sign of the bit's last pulse.</summary>
    private static (Tensor Inputs, Tensor Targets) Trials(int batch, DeterministicRandom random)
    {
        var inputs = new float[batch * Steps * Bits];
        var targets = new float[inputs.Length];
        for (var b = 0; b < batch; b++)
        {
            for (var k = 0; k < Bits; k++)
            {
                var held = 0f;
                for (var t = 0; t < Steps; t++)
                {
                    var index = (((b * Steps) + t) * Bits) + k;
                    if (t == 0 || random.NextDouble() < 0.1)
                    {
                        held = random.NextDouble() < 0.5 ? -1f : 1f;
                        inputs[index] = held;
                    }

                    targets[index] = held;
                }
            }
        }

        return (torch.tensor(inputs, [batch, Steps, Bits]), torch.tensor(targets, [batch, Steps, Bits]));
    }
}
