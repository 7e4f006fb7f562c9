namespace ArmRnn.OpenSim.Simulation;

/// <summary>Excitations held constant (zero-order hold over a control step).</summary>
public sealed class HeldExcitations : IExcitationSchedule
{
    private readonly double[] _values;

    /// <summary>Creates a schedule for <paramref name="muscles"/> muscles, all zero until <see cref="Set"/>.</summary>
    public HeldExcitations(int muscles) => _values = new double[muscles];

    /// <summary>Sets the held values.</summary>
    public void Set(ReadOnlySpan<double> excitations) => excitations.CopyTo(_values);

    /// <inheritdoc />
    public void Evaluate(double time, Span<double> excitations) => _values.CopyTo(excitations);
}
