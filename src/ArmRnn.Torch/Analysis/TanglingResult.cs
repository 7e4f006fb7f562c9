namespace ArmRnn.Torch.Analysis;

/// <summary>The result of <see cref="Tangling.Compute"/>.</summary>
public sealed class TanglingResult
{
    /// <summary>Creates a result.</summary>
    public TanglingResult(double[][] values, double epsilon, double totalVariance)
    {
        Values = values;
        Epsilon = epsilon;
        TotalVariance = totalVariance;
    }

    /// <summary>Q(t) per condition and sample (<c>[condition][sample]</c>); T samples per condition when periodic,
    /// T − 1 otherwise.</summary>
    public IReadOnlyList<double[]> Values { get; }

    /// <summary>The ε used.</summary>
    public double Epsilon { get; }

    /// <summary>The total variance of the states used (sum of unit variances, N − 1 normalisation).</summary>
    public double TotalVariance { get; }

    /// <summary>All Q values, condition by condition.</summary>
    public IEnumerable<double> All => Values.SelectMany(v => v);
}
