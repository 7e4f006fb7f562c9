namespace ArmRnn.Torch.Analysis;

/// <summary>The fixed points of the closed loop (controller + ArmNet) with the task input of one reach target.</summary>
/// <param name="Target">The target index.</param>
/// <param name="TaskInput">The constant task input, in the controller's task-input order.</param>
/// <param name="ControllerUnits">The controller units at the start of each state (the rest is ArmNet's state).</param>
/// <param name="Result">The search's result.</param>
public sealed record TargetFixedPoints(int Target, IReadOnlyList<double> TaskInput, int ControllerUnits, FixedPointSet Result);
