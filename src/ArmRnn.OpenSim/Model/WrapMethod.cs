namespace ArmRnn.OpenSim.Model;

/// <summary>OpenSim's ellipsoid wrapping methods (<c>PathWrap.method</c>).</summary>
public enum WrapMethod
{
    /// <summary><c>hybrid</c> (the default): axial, falling back to midpoint.</summary>
    Hybrid,

    /// <summary><c>midpoint</c>.</summary>
    Midpoint,

    /// <summary><c>axial</c>.</summary>
    Axial,
}
