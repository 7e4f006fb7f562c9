namespace ArmRnn.OpenSim.Native;

/// <summary>What a channel of a native plant is (<c>ARMRNN_CHANNEL_*</c> in <c>armrnn_plant.h</c>).</summary>
[Flags]
public enum NativeChannelFlags
{
    /// <summary>An output computed from the state.</summary>
    None = 0,

    /// <summary>A state variable of the engine (integrated in time).</summary>
    State = 1,

    /// <summary>Read by <see cref="NativePlant.Reset"/> from the requested states; the other channels are made
    /// consistent with these.</summary>
    ResetInput = 2,
}
