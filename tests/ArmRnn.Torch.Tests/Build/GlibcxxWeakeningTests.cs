using ArmRnn.Torch.Build;
using ArmRnn.Torch.Tests.TestSupport;
using Microsoft.Build.Utilities;

namespace ArmRnn.Torch.Tests.Build;

/// <summary>The build step that lets TorchSharp 0.107.0 load on Debian 12 (see docs/torch.md).</summary>
public sealed class GlibcxxWeakeningTests
{
    private static readonly string[] Allowed = ["_ZSt21ios_base_library_initv"];

    [Fact]
    public void Torch_loads_and_computes()
    {
        using var ones = TorchSharp.torch.ones(2);
        using var sum = ones.sum();
        Assert.Equal(2f, sum.item<float>());
    }

    [LinuxFact]
    public void The_output_copy_differs_from_the_package_cache_only_in_the_weak_flag()
    {
        var output = File.ReadAllBytes(TorchSharpNativeLibrary.InOutput);
        var cache = File.ReadAllBytes(TorchSharpNativeLibrary.InPackageCache);
        Assert.Equal(cache.Length, output.Length);
        var differences = Enumerable.Range(0, cache.Length).Where(i => cache[i] != output[i]).ToArray();
        if (!TorchSharpNativeLibrary.HostLacksVersion())
        {
            Assert.Empty(differences);
            return;
        }

        var need = ArmRnnWeakenMissingGlibcxxVersions.Elf.Parse(cache).VersionNeeds().Single(n => n.Name == TorchSharpNativeLibrary.MissingVersion);
        Assert.Equal([need.FlagsOffset], differences);
        Assert.Equal(cache[need.FlagsOffset] | ArmRnnWeakenMissingGlibcxxVersions.VerFlagWeak, output[need.FlagsOffset]);
        Assert.Equal(0, cache[need.FlagsOffset] & ArmRnnWeakenMissingGlibcxxVersions.VerFlagWeak);
        Assert.Equal(File.GetLastWriteTimeUtc(TorchSharpNativeLibrary.InPackageCache), File.GetLastWriteTimeUtc(TorchSharpNativeLibrary.InOutput));
    }

    [LinuxFact]
    public void Patching_replaces_the_file_and_never_writes_through_a_link_and_is_idempotent()
    {
        using var folder = new TemporaryFolder();
        var source = Path.Combine(folder.Path, "cache.so");
        File.Copy(TorchSharpNativeLibrary.InPackageCache, source);
        var linked = Path.Combine(folder.Path, "output.so");
        File.CreateSymbolicLink(linked, source);
        var original = File.ReadAllBytes(source);

        var first = ArmRnnWeakenMissingGlibcxxVersions.Weaken(linked, hostVersions: null, alwaysVersions: [TorchSharpNativeLibrary.MissingVersion], Allowed);
        Assert.Null(first.Refusal);
        Assert.Equal([TorchSharpNativeLibrary.MissingVersion], first.Changed);
        Assert.Equal(original, File.ReadAllBytes(source));
        Assert.Null(new FileInfo(linked).LinkTarget);
        var patched = File.ReadAllBytes(linked);
        Assert.Single(Enumerable.Range(0, original.Length), i => original[i] != patched[i]);

        var second = ArmRnnWeakenMissingGlibcxxVersions.Weaken(linked, hostVersions: null, alwaysVersions: [TorchSharpNativeLibrary.MissingVersion], Allowed);
        Assert.Empty(second.Changed);
        Assert.Null(second.Refusal);
        Assert.Equal(patched, File.ReadAllBytes(linked));
    }

    [LinuxFact]
    public void It_refuses_with_a_warning_naming_the_symbols_when_another_symbol_needs_the_version()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, TorchSharpNativeLibrary.FileName);
        var bytes = File.ReadAllBytes(TorchSharpNativeLibrary.InPackageCache);
        var elf = ArmRnnWeakenMissingGlibcxxVersions.Elf.Parse(bytes);
        var need = elf.VersionNeeds().Single(n => n.Name == TorchSharpNativeLibrary.MissingVersion);
        var other = elf.DynamicSymbols().First(s => !s.IsDefined && s.VersionIndex > 1 && s.VersionIndex != need.Index);
        // Rebind another undefined symbol to the missing version, as a library that really used GCC 13 features would.
        var versym = VersymOffset(bytes) + (2 * other.Index);
        bytes[versym] = (byte)need.Index;
        bytes[versym + 1] = 0;
        File.WriteAllBytes(path, bytes);

        var engine = new RecordingBuildEngine();
        var task = new ArmRnnWeakenMissingGlibcxxVersions
        {
            BuildEngine = engine,
            Files = [new TaskItem(path)],
            Mode = "always",
        };
        Assert.True(task.Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Contains(other.Name, warning, StringComparison.Ordinal);
        Assert.Contains(TorchSharpNativeLibrary.MissingVersion, warning, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Empty(task.PatchedFiles);
    }

    [LinuxFact]
    public void In_auto_mode_it_leaves_the_library_alone_when_the_host_has_the_version()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, TorchSharpNativeLibrary.FileName);
        File.Copy(TorchSharpNativeLibrary.InPackageCache, path);
        var needs = ArmRnnWeakenMissingGlibcxxVersions.Elf.Parse(File.ReadAllBytes(path)).VersionNeeds().Select(n => n.Name).ToArray();

        var outcome = ArmRnnWeakenMissingGlibcxxVersions.Weaken(path, hostVersions: needs, alwaysVersions: [], Allowed);

        Assert.Empty(outcome.Changed);
        Assert.Equal(File.ReadAllBytes(TorchSharpNativeLibrary.InPackageCache), File.ReadAllBytes(path));
    }

    private static int VersymOffset(byte[] bytes)
    {
        var shoff = (int)BitConverter.ToUInt64(bytes, 0x28);
        var size = BitConverter.ToUInt16(bytes, 0x3a);
        var count = BitConverter.ToUInt16(bytes, 0x3c);
        for (var i = 0; i < count; i++)
        {
            var at = shoff + (i * size);
            if (BitConverter.ToUInt32(bytes, at + 4) == 0x6fffffff)
            {
                return (int)BitConverter.ToUInt64(bytes, at + 0x18);
            }
        }

        throw new InvalidDataException("no .gnu.version section");
    }
}
