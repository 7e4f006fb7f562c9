namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>The outcome of wrapping one path segment over a wrap object (OpenSim's <c>WrapObject::WrapAction</c>, same
/// order and values).</summary>
public enum WrapStatus
{
    /// <summary>The segment does not wrap.</summary>
    NoWrap = 0,

    /// <summary>One or both segment end points are inside the object; no wrap.</summary>
    InsideRadius = 1,

    /// <summary>The segment wraps, but another segment of the path may wrap with a smaller length change (used by
    /// constrained cylinders and spheres whose straight segment misses the object).</summary>
    Wrapped = 2,

    /// <summary>The segment wraps and must be the one chosen (the straight segment passes through the object).</summary>
    MandatoryWrap = 3,
}
