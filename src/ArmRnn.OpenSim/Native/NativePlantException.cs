namespace ArmRnn.OpenSim.Native;

/// <summary>A call into the native plant library failed; the message is the library's own (it names the file, the
/// arm, the channel or the value at fault).</summary>
public sealed class NativePlantException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The native status code.</param>
    /// <param name="message">The native library's message.</param>
    public NativePlantException(NativeStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Creates the exception.</summary>
    public NativePlantException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public NativePlantException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NativePlantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The native status code.</summary>
    public NativeStatus Status { get; } = NativeStatus.Internal;
}
