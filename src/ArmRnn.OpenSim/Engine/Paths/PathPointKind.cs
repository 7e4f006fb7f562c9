namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>What a point of an evaluated muscle path is.</summary>
public enum PathPointKind
{
    /// <summary>One of the path's own (active) points.</summary>
    PathPoint,

    /// <summary>The first tangent point of a wrap: where the path meets the wrap object.</summary>
    WrapTangent1,

    /// <summary>The second tangent point of a wrap: where the path leaves the wrap object. The path from the preceding
    /// <see cref="WrapTangent1"/> runs over the surface.</summary>
    WrapTangent2,
}
