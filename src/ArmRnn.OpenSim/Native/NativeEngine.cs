namespace ArmRnn.OpenSim.Native;

/// <summary>The simulation engines behind the native plant library (<c>libarmrnn_plant</c>).</summary>
public enum NativeEngine
{
    /// <summary>OpenSim 4.3 or newer (<c>.osim</c> models), built into the library only where an OpenSim SDK was
    /// found (<c>-DOpenSim_DIR</c>).</summary>
    OpenSim,

    /// <summary>MuJoCo 2.2 (MJCF <c>.xml</c> models), built into the library where <c>libmujoco-dev</c> was
    /// found.</summary>
    MuJoCo,
}
