namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>The placement in ground of the bodies a muscle path is attached to.</summary>
/// <remarks>A <see cref="GeometryPathEvaluator"/> asks once per evaluation for each body in
/// <see cref="GeometryPath.Bodies"/> (never for <c>ground</c>, which it places at the identity itself). Implementations
/// called inside an integrator should answer without allocating (e.g. from an array filled by the multibody
/// engine).</remarks>
public interface IBodyPoses
{
    /// <summary>The pose in ground of body <paramref name="body"/> (OpenSim body name).</summary>
    /// <param name="body">Body name, one of <see cref="GeometryPath.Bodies"/>.</param>
    /// <returns>Its placement: <c>p_ground = Rotation * p_body + Origin</c>.</returns>
    Pose GetPose(string body);
}
