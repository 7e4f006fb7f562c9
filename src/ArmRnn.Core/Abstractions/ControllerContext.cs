using ArmRnn.Layouts;

namespace ArmRnn.Abstractions;

/// <summary>What a controller is told at the start of a batch of trials.</summary>
/// <param name="StateLayout">The layout of the states the controller will receive.</param>
/// <param name="TaskInputNames">The names of the task inputs it will receive, in order.</param>
/// <param name="BatchSize">The number of trials run in parallel.</param>
/// <param name="Dt">The control step (s).</param>
public sealed record ControllerContext(StateLayout StateLayout, IReadOnlyList<string> TaskInputNames, int BatchSize, double Dt);
