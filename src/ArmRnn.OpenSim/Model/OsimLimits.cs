namespace ArmRnn.OpenSim.Model;

/// <summary>The SimTK tolerances OpenSim 4.3 uses when it checks a model's properties.</summary>
internal static class OsimLimits
{
    /// <summary>SimTK's <c>SignificantReal</c> for double: machine epsilon to the power 7/8 (about 2.0e-14).</summary>
    public static readonly double SignificantReal = Math.Pow(Math.BitIncrement(1.0) - 1.0, 0.875);

    /// <summary>SimTK's <c>SqrtEps</c>: the square root of machine epsilon (about 1.5e-8).</summary>
    public static readonly double SqrtEps = Math.Sqrt(Math.BitIncrement(1.0) - 1.0);
}
