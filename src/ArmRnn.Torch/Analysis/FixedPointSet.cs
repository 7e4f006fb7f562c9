namespace ArmRnn.Torch.Analysis;

/// <summary>The result of one fixed-point search: the distinct points found, best q first, and what was discarded.</summary>
public sealed class FixedPointSet
{
    /// <summary>Creates a result.</summary>
    /// <param name="points">The distinct points, sorted by q (smallest first).</param>
    /// <param name="startCount">Starts optimised.</param>
    /// <param name="convergedCount">Starts whose q reached the tolerance.</param>
    /// <param name="outlierCount">Candidates discarded as outliers (too far from the starts).</param>
    /// <param name="duplicateCount">Candidates merged into another within the de-duplication tolerance.</param>
    /// <param name="iterations">Gradient steps taken.</param>
    /// <param name="dt">The map's time step (s).</param>
    public FixedPointSet(IReadOnlyList<FixedPoint> points, int startCount, int convergedCount, int outlierCount, int duplicateCount, int iterations, double dt)
    {
        ArgumentNullException.ThrowIfNull(points);
        Points = [.. points];
        StartCount = startCount;
        ConvergedCount = convergedCount;
        OutlierCount = outlierCount;
        DuplicateCount = duplicateCount;
        Iterations = iterations;
        Dt = dt;
    }

    /// <summary>The distinct fixed (and, if kept, slow) points, smallest q first.</summary>
    public IReadOnlyList<FixedPoint> Points { get; }

    /// <summary>The number of starts optimised.</summary>
    public int StartCount { get; }

    /// <summary>The number of starts whose q reached the tolerance.</summary>
    public int ConvergedCount { get; }

    /// <summary>Candidates discarded as outliers.</summary>
    public int OutlierCount { get; }

    /// <summary>Candidates merged into a kept point.</summary>
    public int DuplicateCount { get; }

    /// <summary>Gradient steps taken (fewer than the maximum when every start converged early).</summary>
    public int Iterations { get; }

    /// <summary>The map's time step (s).</summary>
    public double Dt { get; }

    /// <summary>The stable points (no unstable direction).</summary>
    public IReadOnlyList<FixedPoint> Stable => [.. Points.Where(p => p.IsStable)];
}
