namespace ArmRnn.Data;

/// <summary>One node of an OpenSim <c>ControlLinear</c> curve (a <c>ControlLinearNode</c>).</summary>
/// <param name="Time">The node's time (s), element <c>&lt;t&gt;</c>.</param>
/// <param name="Value">The control value at that time, element <c>&lt;value&gt;</c>.</param>
public readonly record struct ControlNode(double Time, double Value);
