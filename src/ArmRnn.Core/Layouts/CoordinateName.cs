namespace ArmRnn.Layouts;

/// <summary>A model coordinate (degree of freedom) and the joint that owns it.</summary>
/// <param name="Joint">The joint's name (e.g. <c>r_elbow</c>).</param>
/// <param name="Coordinate">The coordinate's name (e.g. <c>r_elbow_flex</c>).</param>
public sealed record CoordinateName(string Joint, string Coordinate);
