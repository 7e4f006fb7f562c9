using Microsoft.Win32.SafeHandles;

namespace ArmRnn.OpenSim.Native;

/// <summary>Owns one native plant (<c>armrnn_plant*</c>); releasing it calls <c>armrnn_plant_close</c>. A call in
/// flight on another thread keeps the plant alive until it returns.</summary>
internal sealed class NativePlantHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle (the interop marshaller fills it).</summary>
    public NativePlantHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() => NativeMethods.armrnn_plant_close(handle) == (int)NativeStatus.Ok;
}
