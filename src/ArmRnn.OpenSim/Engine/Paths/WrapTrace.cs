namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>Which branches of a wrap algorithm a <see cref="WrapResult"/> went through (diagnostics for tests: which
/// parts of OpenSim's algorithm a reference data set exercises).</summary>
[Flags]
internal enum WrapTrace
{
    /// <summary>Nothing recorded.</summary>
    None = 0,

    /// <summary>Ellipsoid: the axial ("Frans") c1 was used, alone or blended.</summary>
    EllipsoidAxial = 1,

    /// <summary>Ellipsoid: the fan c1 was used, alone or blended.</summary>
    EllipsoidFan = 2,

    /// <summary>Ellipsoid: the midpoint method.</summary>
    EllipsoidMidpoint = 4,

    /// <summary>Ellipsoid: c1 was flipped to the allowed side of the quadrant.</summary>
    EllipsoidQuadrantFlip = 8,

    /// <summary>Ellipsoid: the wrong-way test forced a wrap the long way round.</summary>
    EllipsoidFarSide = 16,

    /// <summary>Ellipsoid: the tangent point search stopped at its iteration limit.</summary>
    EllipsoidTangentIterationLimit = 32,

    /// <summary>Cylinder: the tangent points were adjusted for tangency at least once.</summary>
    CylinderTangencyAdjusted = 64,

    /// <summary>Cylinder or sphere: the wrap goes the long way round.</summary>
    LongWay = 128,

    /// <summary>Ellipsoid: the closest-point iteration failed to converge (an output kept its previous value).</summary>
    EllipsoidClosestPointFailed = 256,
}
