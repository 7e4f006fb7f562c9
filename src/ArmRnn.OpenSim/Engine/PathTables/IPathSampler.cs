namespace ArmRnn.OpenSim.Engine.PathTables;

/// <summary>Evaluates a muscle path exactly at given coordinates: its length and its partial derivatives with respect
/// to the coordinates the table spans.</summary>
internal interface IPathSampler
{
    /// <summary>Length (m) and ∂l/∂q (m/rad) for the table's coordinates, at table coordinates
    /// <paramref name="coordinates"/> (the other model coordinates at zero).</summary>
    double Sample(ReadOnlySpan<double> coordinates, Span<double> gradient);
}
