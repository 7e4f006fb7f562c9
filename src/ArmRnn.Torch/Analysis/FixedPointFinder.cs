using ArmRnn.Options;
using ArmRnn.Randomness;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Finds fixed and slow points of a recurrent map <c>h' = F(h)</c> (<see cref="IRecurrentMap"/>) by minimising
/// <c>q(h) = ½‖F(h) − h‖²</c> from many starts at once, as one batch on the map's device (see
/// <see cref="FixedPointOptions"/> for the optimiser, its learning-rate schedule and the tolerances), then merges
/// duplicates, discards outliers and computes each point's Jacobian spectrum.
/// </summary>
/// <remarks>
/// Every fixed point of F is a minimum of q with q = 0, stable or not, so one search finds attractors, saddles and
/// repellers alike; local minima with q &gt; 0 are slow points. Each iteration runs in its own dispose scope: the
/// live tensor count does not grow with the iterations. Not thread-safe for one map.
/// </remarks>
public sealed class FixedPointFinder
{
    private readonly FixedPointOptions _options;

    /// <summary>Creates a finder.</summary>
    /// <param name="options">The options (copied); the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public FixedPointFinder(FixedPointOptions? options = null)
    {
        _options = (options ?? new FixedPointOptions()).Clone().EnsureValid();
    }

    /// <summary>The options (a copy).</summary>
    public FixedPointOptions Options => _options.Clone();

    /// <summary>Searches from the given starts (the options' noise is added to each).</summary>
    /// <param name="map">The map.</param>
    /// <param name="starts">Start states, each of length <see cref="IRecurrentMap.StateSize"/>.</param>
    /// <param name="cancellationToken">Checked every iteration.</param>
    /// <exception cref="ArgumentException">No starts, or a start of the wrong length or with a non-finite value.</exception>
    public FixedPointSet Find(IRecurrentMap map, IReadOnlyList<double[]> starts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(starts);
        var n = map.StateSize;
        var count = starts.Count;
        if (count == 0)
        {
            throw new ArgumentException("At least one start state is needed.", nameof(starts));
        }

        var initial = new double[count * n];
        var noise = new DeterministicRandom(_options.Seed);
        for (var b = 0; b < count; b++)
        {
            var start = starts[b] ?? throw new ArgumentException($"Start {b} is null.", nameof(starts));
            if (start.Length != n)
            {
                throw new ArgumentException($"Start {b} has {start.Length} values but the map's state has {n}.", nameof(starts));
            }

            for (var i = 0; i < n; i++)
            {
                if (!double.IsFinite(start[i]))
                {
                    throw new ArgumentException($"Start {b} has a non-finite value at unit {i}.", nameof(starts));
                }

                initial[(b * n) + i] = start[i] + (_options.StartNoiseStd > 0 ? _options.StartNoiseStd * noise.NextNormal() : 0);
            }
        }

        var (states, q, iterations) = Optimize(map, initial, count, cancellationToken);
        if (_options.NewtonSteps > 0 && n <= _options.NewtonMaximumStateSize)
        {
            // Only points inside the outlier radius: a start that diverged can hold values beyond float range,
            // which the Jacobian (computed in the map's precision) cannot represent.
            var (refinable, _) = RejectOutliers([.. Enumerable.Range(0, count).Where(b => double.IsFinite(q[b]))], initial, states, count, n);
            Refine(map, states, q, refinable, cancellationToken);
        }

        var candidates = Enumerable.Range(0, count)
            .Where(b => q[b] <= _options.QTolerance || (_options.KeepSlowPoints && double.IsFinite(q[b])))
            .ToList();
        var converged = Enumerable.Range(0, count).Count(b => q[b] <= _options.QTolerance);
        var (kept, outliers) = RejectOutliers(candidates, initial, states, count, n);
        var (distinct, duplicates) = Deduplicate(kept, states, q, n);
        var points = Describe(map, distinct, states, q, n);
        return new FixedPointSet(points, count, converged, outliers, duplicates, iterations, map.Dt);
    }

    /// <summary>Runs the batched Adam search; returns the final states <c>[count·n]</c>, their q and the iterations.</summary>
    private (double[] States, double[] Q, int Iterations) Optimize(IRecurrentMap map, double[] initial, int count, CancellationToken cancellationToken)
    {
        var o = _options;
        var n = map.StateSize;
        using var outer = torch.NewDisposeScope();
        var h = TensorHost.ToTensor(initial, count, n, map);
        var m = torch.zeros_like(h);
        var v = torch.zeros_like(h);
        var active = torch.ones([count, 1], map.DType, map.Device);
        var iterations = 0;
        for (var iteration = 0; iteration < o.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var x = h.detach().requires_grad_(true);
            var q = 0.5 * (map.Step(x) - x).square().sum(1);
            var gradient = torch.autograd.grad([q.sum()], [x])[0];
            using var noGrad = torch.no_grad();
            var qd = q.detach();
            active.mul_((qd > o.QTolerance).to(map.DType).unsqueeze(1));
            if (!active.any().item<bool>())
            {
                break;
            }

            var rate = o.InitialLearningRate * o.Schedule.Factor(iteration, o.MaxIterations);
            iterations = iteration + 1;
            m.mul_(o.AdamBeta1).add_(gradient, alpha: 1 - o.AdamBeta1);
            v.mul_(o.AdamBeta2).addcmul_(gradient, gradient, value: 1 - o.AdamBeta2);
            var mHat = m / (1 - Math.Pow(o.AdamBeta1, iterations));
            var vHat = v / (1 - Math.Pow(o.AdamBeta2, iterations));
            h.sub_(rate * active * mHat / (vHat.sqrt() + o.AdamEpsilon));
        }

        using var finalNoGrad = torch.no_grad();
        var finalQ = 0.5 * (map.Step(h) - h).square().sum(1);
        var states = new double[count * n];
        var qValues = new double[count];
        TensorHost.CopyTo(h, states);
        TensorHost.CopyTo(finalQ, qValues);
        for (var b = 0; b < count; b++)
        {
            if (double.IsNaN(qValues[b]))
            {
                qValues[b] = double.PositiveInfinity;
            }
        }

        return (states, qValues, iterations);
    }

    /// <summary>Newton steps h ← h − (J − I)⁻¹(F(h) − h) for the given points, each kept only where it lowers q.</summary>
    private void Refine(IRecurrentMap map, double[] states, double[] q, IReadOnlyList<int> refinable, CancellationToken cancellationToken)
    {
        var n = map.StateSize;
        var points = refinable.ToList();
        for (var step = 0; step < _options.NewtonSteps && points.Count > 0; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var proposals = new double[points.Count * n];
            for (var start = 0; start < points.Count; start += _options.JacobianChunkSize)
            {
                var chunk = points.Skip(start).Take(_options.JacobianChunkSize).ToList();
                var chunkStates = chunk.Select(b => states.AsSpan(b * n, n).ToArray()).ToList();
                var jacobians = JacobianComputation.Dense(map, chunkStates);
                var next = Evaluate(map, chunkStates);
                for (var k = 0; k < chunk.Count; k++)
                {
                    var a = Matrix<double>.Build.DenseOfArray(jacobians[k]) - Matrix<double>.Build.DenseIdentity(n);
                    var residual = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(n, i => next[(k * n) + i] - chunkStates[k][i]);
                    var delta = a.Solve(-residual);
                    for (var i = 0; i < n; i++)
                    {
                        proposals[((start + k) * n) + i] = chunkStates[k][i] + delta[i];
                    }
                }
            }

            var proposedQ = QValues(map, proposals, points.Count);
            var improved = new List<int>();
            for (var k = 0; k < points.Count; k++)
            {
                var b = points[k];
                if (proposedQ[k] < q[b])
                {
                    proposals.AsSpan(k * n, n).CopyTo(states.AsSpan(b * n, n));
                    q[b] = proposedQ[k];
                    improved.Add(b);
                }
            }

            points = improved.Where(b => q[b] > 0).ToList();
        }
    }

    private static double[] Evaluate(IRecurrentMap map, IReadOnlyList<double[]> states)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var n = map.StateSize;
        var x = TensorHost.ToTensor(states.SelectMany(s => s).ToArray(), states.Count, n, map);
        var result = new double[states.Count * n];
        TensorHost.CopyTo(map.Step(x), result);
        return result;
    }

    private static double[] QValues(IRecurrentMap map, double[] states, int count)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = TensorHost.ToTensor(states, count, map.StateSize, map);
        var q = 0.5 * (map.Step(x) - x).square().sum(1);
        var result = new double[count];
        TensorHost.CopyTo(q, result);
        for (var b = 0; b < count; b++)
        {
            result[b] = double.IsNaN(result[b]) ? double.PositiveInfinity : result[b];
        }

        return result;
    }

    private (List<int> Kept, int Outliers) RejectOutliers(List<int> candidates, double[] initial, double[] states, int count, int n)
    {
        if (double.IsPositiveInfinity(_options.OutlierDistanceScale))
        {
            return (candidates, 0);
        }

        var centroid = new double[n];
        for (var b = 0; b < count; b++)
        {
            for (var i = 0; i < n; i++)
            {
                centroid[i] += initial[(b * n) + i] / count;
            }
        }

        var meanDistance = Enumerable.Range(0, count).Average(b => Distance(initial.AsSpan(b * n, n), centroid));
        if (!(meanDistance > 0))
        {
            return (candidates, 0);
        }

        var limit = _options.OutlierDistanceScale * meanDistance;
        var kept = candidates.Where(b => Distance(states.AsSpan(b * n, n), centroid) <= limit).ToList();
        return (kept, candidates.Count - kept.Count);
    }

    private (List<int> Distinct, int Duplicates) Deduplicate(List<int> kept, double[] states, double[] q, int n)
    {
        var distinct = new List<int>();
        foreach (var b in kept.OrderBy(b => q[b]).ThenBy(b => b))
        {
            var state = states.AsSpan(b * n, n);
            var duplicate = false;
            foreach (var other in distinct)
            {
                if (Distance(state, states.AsSpan(other * n, n)) < _options.DeduplicationTolerance)
                {
                    duplicate = true;
                    break;
                }
            }

            if (!duplicate)
            {
                distinct.Add(b);
            }
        }

        return (distinct, kept.Count - distinct.Count);
    }

    private List<FixedPoint> Describe(IRecurrentMap map, List<int> distinct, double[] states, double[] q, int n)
    {
        var points = new List<FixedPoint>(distinct.Count);
        var selected = distinct.Select(b => states.AsSpan(b * n, n).ToArray()).ToList();
        switch (_options.Jacobian)
        {
            case JacobianMethod.Dense:
                for (var start = 0; start < selected.Count; start += _options.JacobianChunkSize)
                {
                    var chunk = selected.Skip(start).Take(_options.JacobianChunkSize).ToList();
                    var jacobians = JacobianComputation.Dense(map, chunk);
                    for (var k = 0; k < chunk.Count; k++)
                    {
                        var b = distinct[start + k];
                        var matrix = Matrix<double>.Build.DenseOfArray(jacobians[k]);
                        var spectrum = JacobianSpectrum.FromDense(matrix, map.Dt, _options.EigenvectorCount, _options.StabilityTolerance);
                        points.Add(new FixedPoint(chunk[k], q[b], q[b] <= _options.QTolerance, spectrum, _options.KeepJacobians ? jacobians[k] : null));
                    }
                }

                break;
            case JacobianMethod.TopEigenvalues:
                for (var k = 0; k < selected.Count; k++)
                {
                    var b = distinct[k];
                    var spectrum = ArnoldiEigenSolver.TopEigenvalues(map, selected[k], _options.TopEigenvalueCount, _options.EigenvectorCount, _options.StabilityTolerance);
                    points.Add(new FixedPoint(selected[k], q[b], q[b] <= _options.QTolerance, spectrum, null));
                }

                break;
            default:
                for (var k = 0; k < selected.Count; k++)
                {
                    var b = distinct[k];
                    points.Add(new FixedPoint(selected[k], q[b], q[b] <= _options.QTolerance, null, null));
                }

                break;
        }

        return points;
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}
