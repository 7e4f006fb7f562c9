namespace ArmRnn.OpenSim.Simulation;

/// <summary>A simulated arm failed: the integrator could not meet its accuracy, a fiber collapsed, a coordinate left
/// its range under strict checking, or the state became non-finite. The message names the arm, the element and the
/// time.</summary>
public sealed class PlantSimulationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="arm">Index of the arm in the batch.</param>
    /// <param name="time">Simulated time (s).</param>
    /// <param name="message">What went wrong, naming the muscle or coordinate.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public PlantSimulationException(int arm, double time, string message, Exception? innerException = null)
        : base(FormattableString.Invariant($"Arm {arm} at t = {time:0.######} s: {message}"), innerException)
    {
        Arm = arm;
        Time = time;
    }

    /// <summary>Creates the exception.</summary>
    public PlantSimulationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlantSimulationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlantSimulationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Index of the arm in the batch.</summary>
    public int Arm { get; }

    /// <summary>Simulated time (s).</summary>
    public double Time { get; }
}
