using System.Globalization;

namespace ArmRnn.Data;

/// <summary>
/// Number parsing and formatting for text dataset files: invariant culture, round-trip precision, and the spellings
/// of non-finite values that C and C++ programs (OpenSim) read and write (<c>nan</c>, <c>inf</c>, <c>-inf</c>,
/// <c>infinity</c>, any letter case).
/// </summary>
internal static class InvariantNumbers
{
    private const NumberStyles FloatStyle = NumberStyles.Float;

    /// <summary>Parses a double written by OpenSim, a C program or .NET; <see langword="false"/> when it is not a number.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim();
        if (double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var negative = false;
        var body = text;
        if (body.Length > 0 && (body[0] == '-' || body[0] == '+'))
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase)
            || body.StartsWith("nan(", StringComparison.OrdinalIgnoreCase)
            || body.Equals("1.#QNAN", StringComparison.OrdinalIgnoreCase)
            || body.Equals("1.#IND", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || body.Equals("infinity", StringComparison.OrdinalIgnoreCase)
            || body.Equals("1.#INF", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Formats a double so that <see cref="TryParse"/> (and C's <c>strtod</c>) restores the same bits:
    /// shortest round-trip digits, invariant culture, <c>NaN</c>/<c>Inf</c>/<c>-Inf</c> for non-finite values.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Inf" : "-Inf";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}
