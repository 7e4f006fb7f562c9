using System.Runtime.InteropServices;

namespace ArmRnn.OpenSim.Native;

/// <summary>The C ABI of <c>libarmrnn_plant</c> (<c>native/include/armrnn_plant.h</c>), one declaration per
/// function. The library is located by <see cref="NativePlantLibrary"/>, the assembly's only import resolver.</summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>The ABI version this assembly is written for (<c>ARMRNN_ABI_VERSION</c>).</summary>
    public const int AbiVersion = 1;

    private const string Library = NativePlantLibrary.ImportName;

    [LibraryImport(Library)]
    public static partial int armrnn_abi_version();

    [LibraryImport(Library)]
    public static partial nint armrnn_last_error();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int armrnn_engine_available(string engine, out int available);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int armrnn_plant_open(string engine, string modelPath, double accuracy, double controlStep,
        double integrationStep, out NativePlantHandle plant);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_close(nint plant);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_control_step(NativePlantHandle plant, out double controlStep);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_excitation_count(NativePlantHandle plant, out int count);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_excitation_name(NativePlantHandle plant, int index, out nint name);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_channel_count(NativePlantHandle plant, out int count);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_channel(NativePlantHandle plant, int index, out nint name, out nint unit,
        out nint group, out nint element);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_channel_flags(NativePlantHandle plant, int index, out int flags,
        out double rangeMin, out double rangeMax);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_default_state(NativePlantHandle plant, double* state, long length);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_reset(NativePlantHandle plant, int batch, double* requested,
        long requestedLength, double* initialStates, long initialLength);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_step(NativePlantHandle plant, double* excitations, long excitationLength,
        double* states, long statesLength);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_read_states(NativePlantHandle plant, double* states, long length);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_batch_size(NativePlantHandle plant, out int batch);

    [LibraryImport(Library)]
    public static partial int armrnn_plant_time(NativePlantHandle plant, out double time);

    /// <summary>The message of the last failed call on this thread.</summary>
    public static string LastError() => Marshal.PtrToStringUTF8(armrnn_last_error()) ?? string.Empty;

    /// <summary>A UTF-8 string owned by the native library, as a managed string.</summary>
    public static string String(nint utf8) => Marshal.PtrToStringUTF8(utf8) ?? string.Empty;

    /// <summary>Throws the exception for a failed call (<paramref name="status"/> ≠ 0) with the native message:
    /// <see cref="ArgumentException"/> for invalid arguments, <see cref="NativePlantException"/> otherwise.</summary>
    public static void Check(int status)
    {
        if (status == (int)NativeStatus.Ok)
        {
            return;
        }

        var message = LastError();
        if (message.Length == 0)
        {
            message = $"the native plant library returned status {status} without a message";
        }

        if (status == (int)NativeStatus.InvalidArgument)
        {
            throw new ArgumentException(message);
        }

        var known = Enum.IsDefined(typeof(NativeStatus), status) ? (NativeStatus)status : NativeStatus.Internal;
        throw new NativePlantException(known, message);
    }
}
