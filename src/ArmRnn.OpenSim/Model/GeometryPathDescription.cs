namespace ArmRnn.OpenSim.Model;

/// <summary>A muscle's path: its points in order from origin to insertion, and the wraps that may bend it.</summary>
/// <param name="Points">Path points in order.</param>
/// <param name="Wraps">Path wraps in order.</param>
public sealed record GeometryPathDescription(IReadOnlyList<PathPointDescription> Points, IReadOnlyList<PathWrapDescription> Wraps);
