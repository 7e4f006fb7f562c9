using ArmRnn.Tests.Shared;

namespace ArmRnn.OpenSim.Tests.Model;

/// <summary>The reference Arm26 file and modified copies of it in a temporary folder (deleted on dispose).</summary>
internal sealed class OsimTestFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-osim-tests", Guid.NewGuid().ToString("N"));

    public OsimTestFiles() => Directory.CreateDirectory(_folder);

    /// <summary>The reference <c>arm26.osim</c> (OpenSim 4.0 format) in the shared reference folder.</summary>
    public static string ReferencePath => Path.Combine(RepositoryPaths.SharedReference, "arm26.osim");

    /// <summary>The reference file's text.</summary>
    public static string ReferenceText => File.ReadAllText(ReferencePath);

    /// <summary>Writes a model file into the temporary folder and returns its path.</summary>
    public string Write(string text, string name = "variant.osim")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The reference text with the first occurrence of <paramref name="old"/> replaced.</summary>
    public static string Replace(string text, string old, string replacement)
    {
        var index = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(index >= 0, $"The reference file has no \"{old}\".");
        return string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + old.Length));
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="marker"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"No \"{marker}\" in the text.");
        return text.AsSpan(0, index).Count('\n') + 1;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
