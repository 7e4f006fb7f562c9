using ArmRnn.Layouts;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>
/// OpenSim's Arm26 (shoulder elevation, elbow flexion, six Thelen2003 muscles) on the managed engine, built in: it
/// needs no files. Its state is the 49-channel <see cref="Arm26Layout.Full"/>.
/// </summary>
public sealed class Arm26Plant : OpenSimPlant
{
    /// <summary>Creates the plant.</summary>
    /// <param name="options">Engine settings (copied); defaults when null.</param>
    public Arm26Plant(OpenSimPlantOptions? options = null)
        : base(Arm26Model.Create(), options, [Arm26Layout.HandMarker])
    {
    }
}
