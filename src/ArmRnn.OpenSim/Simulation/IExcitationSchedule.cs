namespace ArmRnn.OpenSim.Simulation;

/// <summary>Excitations as a function of time, for one arm.</summary>
public interface IExcitationSchedule
{
    /// <summary>Writes the excitation of every muscle at <paramref name="time"/> into <paramref name="excitations"/>.
    /// Must not allocate.</summary>
    void Evaluate(double time, Span<double> excitations);
}
