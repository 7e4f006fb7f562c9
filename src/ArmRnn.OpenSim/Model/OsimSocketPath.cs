namespace ArmRnn.OpenSim.Model;

/// <summary>
/// Resolves OpenSim 4 socket connectee paths (<c>socket_parent_frame</c>, <c>socket_parent</c>,
/// <c>socket_coordinate</c> ...) as OpenSim does: an absolute path (<c>/bodyset/r_humerus</c>) from the model, a
/// relative one (<c>r_humerus_offset</c>, <c>../../bodyset/base</c>) from the component that owns the socket.
/// </summary>
internal static class OsimSocketPath
{
    /// <summary>The absolute path (<c>/a/b</c>) that <paramref name="path"/> names, seen from the component at
    /// <paramref name="ownerPath"/>; null when the path is empty or climbs above the model.</summary>
    public static string? Resolve(string path, string ownerPath)
    {
        var trimmed = path.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        var segments = new List<string>();
        if (!trimmed.StartsWith('/'))
        {
            segments.AddRange(ownerPath.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var segment in trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (segment)
            {
                case ".":
                    break;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>The absolute path of a component named <paramref name="name"/> inside <paramref name="ownerPath"/>.</summary>
    public static string Child(string ownerPath, string name) => ownerPath == "/" ? "/" + name : ownerPath + "/" + name;
}
