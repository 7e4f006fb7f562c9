namespace ArmRnn.OpenSim.Native;

/// <summary>The status codes of the native plant ABI (<c>ARMRNN_ERROR_*</c> in <c>armrnn_plant.h</c>).</summary>
public enum NativeStatus
{
    /// <summary>Success.</summary>
    Ok = 0,

    /// <summary>A null pointer, a wrong array length or an out-of-range value.</summary>
    InvalidArgument = 1,

    /// <summary>The model file is missing, unreadable or not supported by the engine.</summary>
    Model = 2,

    /// <summary>The engine is unknown, or the library was built without it.</summary>
    EngineUnavailable = 3,

    /// <summary>A call out of order (a step before any reset, or after a failed step).</summary>
    InvalidState = 4,

    /// <summary>The engine failed while simulating (an instability, a non-finite state).</summary>
    Simulation = 5,

    /// <summary>Anything else (out of memory, an engine bug).</summary>
    Internal = 6,
}
