namespace ArmRnn.OpenSim.Model;

/// <summary>A <c>Thelen2003Muscle</c>: its path and its parameters.</summary>
/// <param name="Name">Muscle name.</param>
/// <param name="Path">Its geometry path.</param>
/// <param name="Parameters">Its properties.</param>
/// <param name="AppliesForce">Whether it applies force (OpenSim's <c>appliesForce</c>).</param>
public sealed record MuscleDescription(string Name, GeometryPathDescription Path, ThelenMuscleParameters Parameters, bool AppliesForce = true);
