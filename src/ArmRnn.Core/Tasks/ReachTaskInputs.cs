namespace ArmRnn.Tasks;

/// <summary>The names of the task inputs of the reaching tasks, in channel order.</summary>
public static class ReachTaskInputs
{
    /// <summary>The target relative to the start along the plane's U axis (m), present from step 0.</summary>
    public const string TargetU = "target_u";

    /// <summary>The target relative to the start along the plane's V axis (m), present from step 0.</summary>
    public const string TargetV = "target_v";

    /// <summary>The go cue: 0 before the cue step, 1 from it on (always 0 in catch trials).</summary>
    public const string GoCue = "go_cue";

    /// <summary>All three, in channel order: <see cref="TargetU"/>, <see cref="TargetV"/>, <see cref="GoCue"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [TargetU, TargetV, GoCue];
}
