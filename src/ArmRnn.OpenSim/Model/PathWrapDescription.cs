namespace ArmRnn.OpenSim.Model;

/// <summary>A wrap of a muscle path over a wrap object (OpenSim's <c>PathWrap</c>).</summary>
/// <param name="Name">The PathWrap's name.</param>
/// <param name="WrapObject">Name of the wrap object.</param>
/// <param name="Method">Ellipsoid wrapping method.</param>
/// <param name="RangeStart">First path point (1-based, as OpenSim) of the range the wrap may act on, or -1 for all.</param>
/// <param name="RangeEnd">Last path point (1-based) of the range, or -1 for all.</param>
public sealed record PathWrapDescription(string Name, string WrapObject, WrapMethod Method, int RangeStart = -1, int RangeEnd = -1);
