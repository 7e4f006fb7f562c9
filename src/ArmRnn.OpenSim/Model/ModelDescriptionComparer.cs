using System.Collections;
using System.Globalization;
using System.Reflection;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// Deep structural comparison of two <see cref="ModelDescription"/>s: every settable property of every record, list
/// element by element (records compare their lists by reference, so <c>==</c> is not enough). It reports the first
/// difference as a path, for example <c>Muscles[3].Path.Points[2].Location.Y: 0.1 vs 0.2</c> (expected value first).
/// Doubles are equal when their bits are (so <c>0</c> and <c>-0</c> differ and NaN equals NaN), or, with a
/// <see cref="Tolerance"/>, when they differ by at most that much.
/// </summary>
public sealed class ModelDescriptionComparer : IEqualityComparer<ModelDescription>
{
    /// <summary>Creates a comparer.</summary>
    /// <param name="tolerance">The largest absolute difference between two doubles still taken as equal; 0 (the default)
    /// compares doubles bit for bit.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is negative or not a number.</exception>
    public ModelDescriptionComparer(double tolerance = 0)
    {
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be zero or positive.");
        }

        Tolerance = tolerance;
    }

    /// <summary>A comparer that compares doubles bit for bit.</summary>
    public static ModelDescriptionComparer Exact { get; } = new();

    /// <summary>The largest absolute difference between two doubles taken as equal (0: bit for bit).</summary>
    public double Tolerance { get; }

    /// <summary>The first difference between two model descriptions, or null when they are equal.</summary>
    /// <param name="expected">The expected model.</param>
    /// <param name="actual">The actual model.</param>
    /// <returns>A path to the first difference and both values (<c>path: expected vs actual</c>), or null.</returns>
    public string? FindFirstDifference(ModelDescription? expected, ModelDescription? actual) => Compare(expected, actual, string.Empty);

    /// <summary>Whether two model descriptions are structurally equal.</summary>
    /// <param name="x">One model.</param>
    /// <param name="y">The other model.</param>
    /// <returns>True when <see cref="FindFirstDifference"/> finds no difference.</returns>
    public bool Equals(ModelDescription? x, ModelDescription? y) => FindFirstDifference(x, y) is null;

    /// <summary>A hash code consistent with <see cref="Equals(ModelDescription, ModelDescription)"/> (from the names
    /// and the counts, which no tolerance affects).</summary>
    /// <param name="obj">The model.</param>
    /// <returns>The hash code.</returns>
    public int GetHashCode(ModelDescription obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return HashCode.Combine(
            obj.Name, obj.Bodies.Count, obj.Joints.Count, obj.Markers.Count, obj.WrapObjects.Count, obj.Muscles.Count);
    }

    private string? Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : Difference(path, Show(expected), Show(actual));
        }

        // Lists compare element by element whatever collection holds them (an array, a List<T> ...).
        if (expected is IEnumerable sequence and not string && actual is IEnumerable other and not string)
        {
            return CompareSequences(sequence, other, path);
        }

        var type = expected.GetType();
        if (type != actual.GetType())
        {
            return Difference(path, type.Name, actual.GetType().Name);
        }

        switch (expected)
        {
            case double a:
                var b = (double)actual;
                return SameDouble(a, b) ? null : Difference(path, Show(a), Show(b));
            case string or bool or Enum or char:
            case var _ when type.IsPrimitive || type == typeof(decimal):
                return expected.Equals(actual) ? null : Difference(path, Show(expected), Show(actual));
            default:
                return CompareProperties(type, expected, actual, path);
        }
    }

    private string? CompareSequences(IEnumerable expected, IEnumerable actual, string path)
    {
        var left = expected.Cast<object?>().ToList();
        var right = actual.Cast<object?>().ToList();
        if (left.Count != right.Count)
        {
            return Difference(Join(path, "Count"), Show(left.Count), Show(right.Count));
        }

        for (var i = 0; i < left.Count; i++)
        {
            var difference = Compare(left[i], right[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    private string? CompareProperties(Type type, object expected, object actual, string path)
    {
        foreach (var property in DataProperties(type))
        {
            var difference = Compare(property.GetValue(expected), property.GetValue(actual), Join(path, property.Name));
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    /// <summary>The public properties that hold data (those with a setter or <c>init</c>, not computed ones such as
    /// <c>Point3.Length</c>), base class first, each class in declaration order.</summary>
    private static List<PropertyInfo> DataProperties(Type type)
    {
        var chain = new List<Type>();
        for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var properties = new List<PropertyInfo>();
        foreach (var level in chain)
        {
            properties.AddRange(level
                .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && p.SetMethod is not null)
                .OrderBy(p => p.MetadataToken));
        }

        return properties;
    }

    private bool SameDouble(double a, double b) =>
        BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b)
        || (double.IsNaN(a) && double.IsNaN(b))
        || (Tolerance > 0 && Math.Abs(a - b) <= Tolerance);

    private static string Join(string path, string member) => path.Length == 0 ? member : path + "." + member;

    private static string Difference(string path, string expected, string actual) =>
        $"{(path.Length == 0 ? "(model)" : path)}: {expected} vs {actual}";

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable when value.GetType().IsPrimitive => formattable.ToString(null, CultureInfo.InvariantCulture),
        Enum => value.ToString() ?? string.Empty,
        _ => value.GetType().Name,
    };
}
