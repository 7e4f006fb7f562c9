using ScottPlot;

namespace ArmRnn.Reporting;

/// <summary>Saves ScottPlot plots as PNG files atomically (temporary file, then rename).</summary>
internal static class PngFile
{
    public static void Save(Plot plot, string path, int width = 900, int height = 500)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp.png");
        try
        {
            plot.SavePng(temporary, width, height);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
