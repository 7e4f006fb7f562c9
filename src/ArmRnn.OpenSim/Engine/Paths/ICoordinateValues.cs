namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>Generalised coordinate values, read by conditional path points (OpenSim's <c>ConditionalPathPoint</c>).</summary>
public interface ICoordinateValues
{
    /// <summary>The value of coordinate <paramref name="coordinate"/> (rad or m).</summary>
    /// <param name="coordinate">Coordinate name, one of <see cref="GeometryPath.Coordinates"/>.</param>
    /// <returns>The current value.</returns>
    double GetValue(string coordinate);
}
