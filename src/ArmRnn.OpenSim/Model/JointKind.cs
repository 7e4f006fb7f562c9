namespace ArmRnn.OpenSim.Model;

/// <summary>The joint types the managed engine models.</summary>
public enum JointKind
{
    /// <summary>No relative motion.</summary>
    Weld,

    /// <summary>One rotation about the z axis of the parent frame.</summary>
    Pin,

    /// <summary>A custom joint with one coordinate-driven rotation about an arbitrary axis (others constant zero).</summary>
    Custom,
}
