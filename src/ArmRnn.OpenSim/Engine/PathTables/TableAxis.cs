namespace ArmRnn.OpenSim.Engine.PathTables;

/// <summary>One axis of a path table: a coordinate of the model sampled uniformly on [Start, Start + Cells·Spacing].</summary>
/// <param name="Coordinate">Index of the coordinate in the model's q vector.</param>
/// <param name="Start">First node (rad).</param>
/// <param name="Spacing">Node spacing (rad).</param>
/// <param name="Cells">Number of cells.</param>
internal readonly record struct TableAxis(int Coordinate, double Start, double Spacing, int Cells)
{
    /// <summary>The last node (rad).</summary>
    public double End => Start + (Cells * Spacing);

    /// <summary>Locates <paramref name="value"/>: its cell and the fraction within it; false outside the axis.</summary>
    public bool Locate(double value, out int cell, out double fraction)
    {
        var position = (value - Start) / Spacing;
        if (!(position >= 0) || position > Cells)
        {
            cell = 0;
            fraction = 0;
            return false;
        }

        cell = Math.Min((int)position, Cells - 1);
        fraction = position - cell;
        return true;
    }
}
