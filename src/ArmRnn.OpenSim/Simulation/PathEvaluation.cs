namespace ArmRnn.OpenSim.Simulation;

/// <summary>How the engine evaluates muscle paths during integration.</summary>
public enum PathEvaluation
{
    /// <summary>
    /// Paths that depend on one or two coordinates are tabulated (lazily, tile by tile, from exact evaluations) and
    /// interpolated by C¹ cubic Hermite patches; others, and states outside the tables, are evaluated exactly. About
    /// a hundred times faster than exact evaluation for Arm26 where the paths are smooth; cells where they are not
    /// (a wrap starting to touch) are found when the table is built and evaluated exactly.
    /// </summary>
    Tabulated,

    /// <summary>Every path is evaluated exactly (wrapping included) at every derivative evaluation, as OpenSim does.</summary>
    Exact,
}
