namespace ArmRnn.OpenSim.Engine.Integration;

/// <summary>The integrator could not meet its accuracy with a step above its minimum, or the state became
/// non-finite.</summary>
public sealed class IntegrationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IntegrationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public IntegrationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public IntegrationFailedException()
    {
    }
}
