namespace ArmRnn.Layouts;

/// <summary>One named channel of a plant's state vector.</summary>
/// <param name="Name">The channel's full name; for OpenSim models the state path or output name, e.g.
/// <c>/jointset/r_elbow/r_elbow_flex/value</c> or <c>/forceset/BIClong|tendon_force</c>.</param>
/// <param name="Unit">SI unit symbol (<c>rad</c>, <c>rad/s</c>, <c>m</c>, <c>m/s</c>, <c>N</c>) or <c>1</c> for
/// dimensionless channels.</param>
/// <param name="Group">The physical kind of the channel.</param>
/// <param name="Element">The model element the channel belongs to (a coordinate, marker or muscle name).</param>
public sealed record StateChannel(string Name, string Unit, ChannelGroup Group, string Element);
