using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>One <c>TransformAxis</c> of a <c>CustomJoint</c>'s <c>SpatialTransform</c> as read from the file.</summary>
/// <param name="Element">The element, or null for an axis the file leaves out (OpenSim's default: x, Constant 0).</param>
/// <param name="Coordinates">The coordinate names it lists.</param>
/// <param name="Axis">The axis as written (not normalised).</param>
/// <param name="Slope">For a <c>LinearFunction</c>, its slope; null for a <c>Constant</c>.</param>
/// <param name="Intercept">The <c>LinearFunction</c>'s intercept or the <c>Constant</c>'s value.</param>
/// <param name="CoordinatesElement">The <c>coordinates</c> element, if any.</param>
/// <param name="ValuesElement">Where the function's numbers are (<c>coefficients</c>, <c>value</c>), if anywhere.</param>
internal sealed record OsimTransformAxis(
    OsimElement? Element,
    string[] Coordinates,
    Point3 Axis,
    double? Slope,
    double Intercept,
    OsimElement? CoordinatesElement,
    OsimElement? ValuesElement);
