namespace ArmRnn.Torch.Pipeline;

/// <summary>One ControllerNet generation on the centre-out task, on the real plant and on its own ArmNet.</summary>
/// <param name="Generation">The generation of the controller (and of the ArmNet it was trained through).</param>
/// <param name="RealPlant">The controller driving the real plant in closed loop.</param>
/// <param name="ArmNet">The controller driving ArmNet (what it was trained on) in closed loop.</param>
/// <param name="MeanEndpointGap">Mean over targets of the distance (m), in the task's plane, between the hand's end
/// point on ArmNet and on the real plant: how far the surrogate misleads the controller, the figure that matters
/// most.</param>
public sealed record ControllerEvaluation(int Generation, ReachEvaluation RealPlant, ReachEvaluation ArmNet, double MeanEndpointGap);
