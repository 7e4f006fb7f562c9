using System.Globalization;

namespace ArmRnn.OpenSim.Model;

/// <summary>What every element of one <c>.osim</c> file being read shares: the file's name and format version.</summary>
/// <param name="SourceName">The file (or stream) name used in error messages.</param>
/// <param name="Version">The document's <c>Version</c> attribute (40000 for OpenSim 4.0 and later).</param>
internal sealed record OsimReadContext(string SourceName, int Version)
{
    /// <summary>The first version written by OpenSim 4.0 releases.</summary>
    public const int OpenSim4Version = 40000;

    /// <summary>A hint appended to "not supported" errors in files older than the 4.0 format.</summary>
    public string LegacyHint => Version < OpenSim4Version
        ? string.Create(CultureInfo.InvariantCulture,
            $" (the file has Version {Version}, older than OpenSim 4.0's 40000: open and save it in OpenSim 4.x to convert it)")
        : string.Empty;
}
