using System.Globalization;
using System.Text;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// An OpenSim model file that cannot be read into a <see cref="ModelDescription"/>: it is not well-formed XML, a value is
/// malformed or out of range, or it uses something the managed engine does not model (another force or joint type, a
/// constraint, a controller, a moving path point ...). The message names the file, the line, the element (with its
/// <c>name</c> attribute) and an XPath-like path to it, for example
/// <c>arm26.osim, line 1012, /OpenSimDocument/Model[@name='arm26']/ForceSet[@name='forceset']/objects/Millard2012EquilibriumMuscle[@name='TRIlong']: ...</c>.
/// </summary>
public sealed class OsimFormatException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public OsimFormatException()
        : this("The OpenSim model file cannot be read.")
    {
    }

    /// <summary>Creates an exception with the given message and no location.</summary>
    /// <param name="message">The message.</param>
    public OsimFormatException(string message)
        : base(message)
    {
        Problem = message;
    }

    /// <summary>Creates an exception with the given message, no location and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OsimFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    /// <summary>Creates an exception located in a model file.</summary>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="sourceName">The file (or stream) name.</param>
    /// <param name="lineNumber">The 1-based line in the file, or 0 when unknown.</param>
    /// <param name="elementPath">The XPath-like path of the element, or null when there is none (malformed XML).</param>
    /// <param name="innerException">The cause, if any.</param>
    public OsimFormatException(string problem, string sourceName, int lineNumber, string? elementPath, Exception? innerException = null)
        : base(FormatMessage(problem, sourceName, lineNumber, elementPath), innerException)
    {
        Problem = problem;
        SourceName = sourceName;
        LineNumber = lineNumber;
        ElementPath = elementPath;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The file (or stream) name, when known.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based line in the file, or 0 when unknown.</summary>
    public int LineNumber { get; }

    /// <summary>The XPath-like path of the offending element, e.g.
    /// <c>/OpenSimDocument/Model[@name='arm26']/BodySet[@name='bodyset']/objects/Body[@name='r_humerus']/mass</c>; null when
    /// the problem is not tied to an element.</summary>
    public string? ElementPath { get; }

    private static string FormatMessage(string problem, string sourceName, int lineNumber, string? elementPath)
    {
        var text = new StringBuilder(sourceName);
        if (lineNumber > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", line {lineNumber}");
        }

        if (elementPath is not null)
        {
            text.Append(", ").Append(elementPath);
        }

        return text.Append(": ").Append(problem).ToString();
    }
}
