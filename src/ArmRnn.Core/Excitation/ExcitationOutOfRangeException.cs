namespace ArmRnn.Excitation;

/// <summary>An excitation given to a plant was outside [0, 1] or not finite.</summary>
public sealed class ExcitationOutOfRangeException : ArgumentException
{
    /// <summary>Creates the exception with the details of the offending value.</summary>
    /// <param name="arm">Index of the arm in the batch.</param>
    /// <param name="muscle">Name of the muscle.</param>
    /// <param name="value">The value given.</param>
    /// <param name="time">Simulated time (s) of the step.</param>
    public ExcitationOutOfRangeException(int arm, string muscle, double value, double time)
        : base(FormattableString.Invariant(
            $"Excitation of muscle '{muscle}' for arm {arm} at t = {time:0.####} s is {value}, outside [0, 1]. Fix the controller, or configure the plant to clamp (ExcitationRangePolicy.Clamp)."))
    {
        Arm = arm;
        Muscle = muscle;
        Value = value;
        Time = time;
    }

    /// <summary>Index of the arm in the batch.</summary>
    public int Arm { get; }

    /// <summary>Name of the muscle.</summary>
    public string Muscle { get; }

    /// <summary>The value given.</summary>
    public double Value { get; }

    /// <summary>Simulated time (s) of the step.</summary>
    public double Time { get; }
}
