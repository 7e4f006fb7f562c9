using System.Globalization;

namespace ArmRnn.Layouts;

/// <summary>
/// Builds channel names the way OpenSim 4.x names state variables and component outputs, so that files written
/// by ArmRnn and by OpenSim use the same column names.
/// </summary>
/// <remarks>State variables are <c>/path/name</c>; outputs are <c>/path|output</c>.</remarks>
public static class OpenSimChannelNames
{
    /// <summary>The value (angle) state of a coordinate: <c>/jointset/{joint}/{coordinate}/value</c>.</summary>
    public static string CoordinateValue(string joint, string coordinate) => $"/jointset/{joint}/{coordinate}/value";

    /// <summary>The speed state of a coordinate: <c>/jointset/{joint}/{coordinate}/speed</c>.</summary>
    public static string CoordinateSpeed(string joint, string coordinate) => $"/jointset/{joint}/{coordinate}/speed";

    /// <summary>A component of a marker's location in ground: <c>/markerset/{marker}|location_{x|y|z}</c>.</summary>
    /// <param name="marker">Marker name.</param>
    /// <param name="axis">0, 1 or 2 for x, y or z.</param>
    public static string MarkerLocation(string marker, int axis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(axis);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(axis, 2);
        return string.Create(CultureInfo.InvariantCulture, $"/markerset/{marker}|location_{"xyz"[axis]}");
    }

    /// <summary>A muscle state variable: <c>/forceset/{muscle}/{state}</c> (<c>activation</c>, <c>fiber_length</c>).</summary>
    public static string MuscleState(string muscle, string state) => $"/forceset/{muscle}/{state}";

    /// <summary>A muscle output: <c>/forceset/{muscle}|{output}</c> (<c>tendon_force</c>, <c>length</c>, ...).</summary>
    public static string MuscleOutput(string muscle, string output) => $"/forceset/{muscle}|{output}";
}
