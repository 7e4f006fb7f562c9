using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using ArmRnn.Native.Tests.TestSupport;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Native.Tests;

/// <summary>
/// The ArmRnn.Native package as a lab uses it: packed from this repository, referenced from a fresh project next to
/// the ArmRnn.OpenSim package, and found by <c>NativePlant</c> with no path configured.
/// </summary>
public sealed class NativePackageTests : IDisposable
{
    /// <summary>A version no release uses, so that restore takes the packages just packed here.</summary>
    private const string TestVersion = "0.0.0-packagetest";

    /// <summary>Each dotnet command (pack compiles native/ from scratch in its own folder: about a minute on two
    /// cores) gets this long before the test fails instead of hanging CI.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("armrnn-native-package-");

    public void Dispose() => _work.Delete(recursive: true);

    [MuJoCoFact]
    public void A_project_referencing_the_packages_runs_the_packed_MuJoCo_engine_without_configuration()
    {
        var feed = Path.Combine(_work.FullName, "feed");
        Dotnet(RepositoryPaths.Root, "pack", Path.Combine("src", "ArmRnn.Native", "ArmRnn.Native.csproj"), "-c", "Release",
            "-o", feed, $"-p:Version={TestVersion}");
        // The managed packages from the build under test (already compiled by the test build).
        foreach (var project in new[] { "ArmRnn.Core", "ArmRnn.OpenSim" })
        {
            Dotnet(RepositoryPaths.Root, "pack", Path.Combine("src", project, project + ".csproj"), "-c", "Release", "--no-build",
                "-o", feed, $"-p:Version={TestVersion}");
        }

        // The native package holds the library under the runtime folder NuGet maps to linux-x64, the C header, and no
        // managed assembly.
        using (var package = ZipFile.OpenRead(Path.Combine(feed, $"ArmRnn.Native.{TestVersion}.nupkg")))
        {
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("runtimes/linux-x64/native/libarmrnn_plant.so", entries);
            Assert.Contains("include/armrnn_plant.h", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        }

        var consumer = Path.Combine(_work.FullName, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestoreAdditionalProjectSources>{feed}</RestoreAdditionalProjectSources>
                <RestorePackagesPath>{Path.Combine(_work.FullName, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ArmRnn.OpenSim" Version="{TestVersion}" />
                <PackageReference Include="ArmRnn.Native" Version="{TestVersion}" />
              </ItemGroup>
            </Project>
            """);
        // The program a user would write: open the MuJoCo arm, excite the elbow flexor for half a second.
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using System.Globalization;
            using ArmRnn.OpenSim.Native;

            using var plant = new NativePlant(new NativePlantOptions { Engine = NativeEngine.MuJoCo, ModelPath = args[0], ControlStep = 0.01 });
            var elbow = plant.Layout.IndexOf("qpos/elbow");
            var states = new double[plant.Layout.Count];
            plant.Reset(plant.DefaultState, states);
            var start = states[elbow];
            var excitations = new double[plant.ExcitationNames.Count];
            excitations[plant.ExcitationNames.ToList().IndexOf("EF")] = 1;
            for (var step = 0; step < 50; step++)
            {
                plant.Step(excitations, states);
            }

            Console.WriteLine(plant.LibraryPath);
            Console.WriteLine((states[elbow] - start).ToString("R", CultureInfo.InvariantCulture));
            """);

        var output = Dotnet(consumer, "run", "-c", "Release", "--", MuJoCoArm.ModelPath);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var libraryPath = lines[^2];
        var flexion = double.Parse(lines[^1], CultureInfo.InvariantCulture);

        // Found through NuGet's copy in the consumer's output, not through this repository's build or the environment
        // (ARMRNN_NATIVE_PATH is removed from the consumer's environment).
        Assert.StartsWith(Path.Combine(consumer, "bin"), libraryPath, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("runtimes", "linux-x64", "native", "libarmrnn_plant.so"), libraryPath, StringComparison.Ordinal);
        // And it is a working engine: full excitation of the elbow flexor (EF, whose tendon crosses the elbow on the
        // flexion side, as MuJoCoPhysicsTests checks from the model's geometry) flexes the elbow (positive angle) within
        // half a second. 0.1 rad is a loose lower bound that only a flexing elbow passes: at rest the angle changes by 0.
        Assert.True(flexion > 0.1, $"The elbow moved {flexion} rad under full EF excitation in the packaged engine.");
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="folder"/> and returns its output,
    /// failing the test with the output when it exits with an error. The test host's MSBuild variables and
    /// <c>ARMRNN_NATIVE_PATH</c> are removed so the child sees a user's environment.</summary>
    private static string Dotnet(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name == "ARMRNN_NATIVE_PATH")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        process.WaitForExit();
        var text = output.Result;
        Assert.True(process.ExitCode == 0,
            $"dotnet {string.Join(' ', arguments)} (in {folder}) exited with {process.ExitCode}:\n{text}\n{error.Result}");
        return text;
    }
}
