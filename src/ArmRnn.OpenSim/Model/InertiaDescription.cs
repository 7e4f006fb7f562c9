namespace ArmRnn.OpenSim.Model;

/// <summary>An inertia tensor about the centre of mass, in the body frame (kg·m²), as OpenSim writes it.</summary>
public sealed record InertiaDescription(double Ixx, double Iyy, double Izz, double Ixy, double Ixz, double Iyz)
{
    /// <summary>No inertia.</summary>
    public static InertiaDescription Zero { get; } = new(0, 0, 0, 0, 0, 0);
}
