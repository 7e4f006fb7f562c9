using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace ArmRnn.OpenSim.Native;

/// <summary>
/// Finds, loads and checks the native plant library, and is the ArmRnn.OpenSim assembly's only
/// <see cref="NativeLibrary.SetDllImportResolver"/> (a resolver can be set once per assembly).
/// </summary>
/// <remarks>
/// <para>Search order: an explicit path (<see cref="NativePlantOptions.LibraryPath"/>: a file or a folder), then the
/// <c>ARMRNN_NATIVE_PATH</c> environment variable (a file or a folder), then <c>runtimes/{rid}/native/</c> and the
/// folder of the ArmRnn.OpenSim assembly and of the application, then the system's library search path. An
/// explicit path or the environment variable, when given, must work: there is no fall-back past them.</para>
/// <para>A process loads one native plant library: the first successful load wins, and a later request for a
/// different explicit path is an error. This is process-wide state by nature (the import resolver is), guarded by a
/// lock; it is the only static state of the native interop.</para>
/// </remarks>
internal static class NativePlantLibrary
{
    /// <summary>The library name the <c>[LibraryImport]</c> declarations use.</summary>
    public const string ImportName = "armrnn_plant";

    /// <summary>The environment variable that overrides where the library is.</summary>
    public const string PathVariable = "ARMRNN_NATIVE_PATH";

    /// <summary>How to get the library, for error messages.</summary>
    public const string BuildInstructions =
        "Build it with CMake: `apt-get install cmake g++ libmujoco-dev` (Debian/Ubuntu), then " +
        "`cmake -S native -B build/native && cmake --build build/native` in the ArmRnn repository (add " +
        "-DOpenSim_DIR=<OpenSim install>/lib/cmake/OpenSim for the OpenSim engine), and point " +
        PathVariable + " or NativePlantOptions.LibraryPath at build/native/libarmrnn_plant.so (or copy it to " +
        "runtimes/linux-x64/native/ next to your application). See docs/native.md.";

    private static readonly Lock Gate = new();
    private static nint s_handle;
    private static string? s_path;
    private static bool s_resolverSet;

    /// <summary>The file name of the library on this operating system.</summary>
    public static string FileName =>
        OperatingSystem.IsWindows() ? "armrnn_plant.dll"
        : OperatingSystem.IsMacOS() ? "libarmrnn_plant.dylib"
        : "libarmrnn_plant.so";

    /// <summary>The portable runtime identifier of this process (<c>linux-x64</c>, <c>osx-arm64</c>, ...).</summary>
    public static string RuntimeIdentifier
    {
        get
        {
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        }
    }

    /// <summary>Loads the library (once per process) and checks its ABI version.</summary>
    /// <param name="explicitPath">A file or folder to load it from, or null to search.</param>
    /// <returns>The full path of the library loaded.</returns>
    /// <exception cref="DllNotFoundException">No loadable library was found; the message lists where it looked, why
    /// each failed, and how to build one.</exception>
    /// <exception cref="InvalidOperationException">The library implements another ABI version, or another library
    /// is already loaded.</exception>
    public static string Load(string? explicitPath)
    {
        lock (Gate)
        {
            if (!s_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(NativePlantLibrary).Assembly, Resolve);
                s_resolverSet = true;
            }

            if (s_handle != 0)
            {
                if (explicitPath is not null && !string.Equals(Path.GetFullPath(ToFile(explicitPath)), s_path, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"The native plant library is already loaded from {s_path}; one library serves the process, so {explicitPath} cannot be loaded too.");
                }

                return s_path!;
            }

            var failures = new StringBuilder();
            foreach (var (candidate, required) in Candidates(explicitPath))
            {
                if (TryLoad(candidate, failures, out var handle, out var loadedFrom))
                {
                    CheckAbi(handle, loadedFrom);
                    s_handle = handle;
                    s_path = loadedFrom;
                    return loadedFrom;
                }

                if (required)
                {
                    break;
                }
            }

            throw new DllNotFoundException(
                $"The native plant library ({FileName}) could not be loaded. Tried:{failures}{Environment.NewLine}{BuildInstructions}");
        }
    }

    private static IEnumerable<(string Candidate, bool Required)> Candidates(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            yield return (ToFile(explicitPath), true);
            yield break;
        }

        var variable = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(variable))
        {
            yield return (ToFile(variable), true);
            yield break;
        }

        var folders = new List<string>();
        var assemblyFolder = Path.GetDirectoryName(typeof(NativePlantLibrary).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyFolder))
        {
            folders.Add(assemblyFolder);
        }

        if (!folders.Contains(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparer.Ordinal))
        {
            folders.Add(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        }

        foreach (var folder in folders)
        {
            yield return (Path.Combine(folder, "runtimes", RuntimeIdentifier, "native", FileName), false);
            yield return (Path.Combine(folder, FileName), false);
        }

        // Last: the system's search path (LD_LIBRARY_PATH, ldconfig's folders), by bare file name.
        yield return (FileName, false);
    }

    private static string ToFile(string path) =>
        Directory.Exists(path) ? Path.Combine(path, FileName) : path;

    private static bool TryLoad(string candidate, StringBuilder failures, out nint handle, out string loadedFrom)
    {
        handle = 0;
        loadedFrom = candidate;
        var isBareName = !candidate.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!isBareName && !File.Exists(candidate))
        {
            failures.Append(Environment.NewLine).Append("  ").Append(candidate).Append(": no such file");
            return false;
        }

        try
        {
            handle = NativeLibrary.Load(candidate);
            loadedFrom = isBareName ? candidate : Path.GetFullPath(candidate);
            return true;
        }
        catch (DllNotFoundException ex)
        {
            // The file exists but a dependency is missing (libmujoco.so, OpenSim's libraries), or it is not a library.
            failures.Append(Environment.NewLine).Append("  ").Append(candidate).Append(isBareName ? " (system search path)" : string.Empty)
                .Append(": ").Append(ex.Message.ReplaceLineEndings(" "));
            return false;
        }
        catch (BadImageFormatException ex)
        {
            failures.Append(Environment.NewLine).Append("  ").Append(candidate).Append(": not a loadable library for ")
                .Append(RuntimeIdentifier).Append(" (").Append(ex.Message.ReplaceLineEndings(" ")).Append(')');
            return false;
        }
    }

    private static unsafe void CheckAbi(nint handle, string path)
    {
        if (!NativeLibrary.TryGetExport(handle, "armrnn_abi_version", out var export))
        {
            NativeLibrary.Free(handle);
            throw new InvalidOperationException($"{path} is not an ArmRnn native plant library (it has no armrnn_abi_version). {BuildInstructions}");
        }

        var version = ((delegate* unmanaged<int>)export)();
        if (version != NativeMethods.AbiVersion)
        {
            NativeLibrary.Free(handle);
            throw new InvalidOperationException(
                $"{path} implements native plant ABI version {version}, but this ArmRnn.OpenSim needs version {NativeMethods.AbiVersion}: rebuild native/ from the same ArmRnn version. {BuildInstructions}");
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(libraryName, ImportName, StringComparison.Ordinal))
        {
            return 0;
        }

        lock (Gate)
        {
            if (s_handle != 0)
            {
                return s_handle;
            }
        }

        // A call before Load (there is none in this assembly): search the default places.
        Load(null);
        lock (Gate)
        {
            return s_handle;
        }
    }
}
