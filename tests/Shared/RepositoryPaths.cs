namespace ArmRnn.Tests.Shared;

/// <summary>Locates the repository root and the shared reference data beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared reference folder: <c>&lt;repo&gt;/../shared/reference</c> (CI places shared/ beside the clone).</summary>
    public static string SharedReference
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"The shared reference data is expected at {path} (shared/ beside the repository).");
            }

            return path;
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ArmRnn.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException($"No ArmRnn.sln above {AppContext.BaseDirectory}.");
    }
}
