using System.Globalization;

namespace ArmRnn.Options;

/// <summary>Builds the validation messages of option classes in one consistent wording.</summary>
public static class OptionChecks
{
    /// <summary>A message when <paramref name="value"/> is not finite and strictly positive, else null.</summary>
    public static string? Positive(string name, double value) =>
        double.IsFinite(value) && value > 0 ? null : Format($"{name} must be a positive, finite number; it is {value}.");

    /// <summary>A message when <paramref name="value"/> is not finite and ≥ 0, else null.</summary>
    public static string? NonNegative(string name, double value) =>
        double.IsFinite(value) && value >= 0 ? null : Format($"{name} must be a finite number ≥ 0; it is {value}.");

    /// <summary>A message when <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>], else null.</summary>
    public static string? InRange(string name, double value, double min, double max) =>
        value >= min && value <= max ? null : Format($"{name} must be in [{min}, {max}]; it is {value}.");

    /// <summary>A message when <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>], else null.</summary>
    public static string? InRange(string name, int value, int min, int max) =>
        value >= min && value <= max ? null : Format($"{name} must be in [{min}, {max}]; it is {value}.");

    /// <summary>A message when <paramref name="low"/> &gt; <paramref name="high"/>, else null.</summary>
    public static string? Ordered(string lowName, double low, string highName, double high) =>
        low <= high ? null : Format($"{lowName} ({low}) must not exceed {highName} ({high}).");

    /// <summary>The non-null messages.</summary>
    public static IEnumerable<string> Collect(params string?[] messages) => messages.Where(m => m is not null)!;

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
