using System.Globalization;

namespace ArmRnn.Data;

/// <summary>
/// A dataset file (HDF5 trajectories, OpenSim <c>.sto</c> storage, OpenSim <c>ControlSet</c> XML) is not in the
/// expected format: it is empty, truncated, of another kind, or its content contradicts itself. The message names
/// the file, the line (for text files) and what was expected versus what was found.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file that could not be read.</param>
    /// <param name="problem">What is wrong, e.g. "expected 7 values, found 6".</param>
    /// <param name="lineNumber">The 1-based line of a text file where the problem is, if known.</param>
    /// <param name="innerException">The lower-level exception that revealed the problem, if any.</param>
    public DatasetFormatException(string filePath, string problem, int? lineNumber = null, Exception? innerException = null)
        : base(Compose(filePath, problem, lineNumber), innerException)
    {
        FilePath = filePath ?? string.Empty;
        Problem = problem ?? string.Empty;
        LineNumber = lineNumber;
    }

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line of a text file where the problem is, or <see langword="null"/> (binary files, or
    /// a problem that concerns the whole file).</summary>
    public int? LineNumber { get; }

    /// <summary>What is wrong, without the file and line prefix.</summary>
    public string Problem { get; }

    private static string Compose(string filePath, string problem, int? lineNumber) =>
        lineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"{filePath}, line {line}: {problem}")
            : $"{filePath}: {problem}";
}
