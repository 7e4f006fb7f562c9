using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Model;

/// <summary>
/// One element of an <c>.osim</c> file being read: typed access to its child elements and values, errors located in
/// the file, and bookkeeping of which children were read so that nothing is ignored silently
/// (<see cref="EnsureAllRead"/>).
/// </summary>
internal sealed class OsimElement
{
    private readonly HashSet<XElement> _read = [];
    private readonly OsimReadContext _context;

    public OsimElement(XElement element, OsimReadContext context)
    {
        Element = element;
        _context = context;
    }

    /// <summary>The XML element.</summary>
    public XElement Element { get; }

    /// <summary>The element's tag (OpenSim's class or property name).</summary>
    public string Tag => Element.Name.LocalName;

    /// <summary>The <c>name</c> attribute, or an empty string.</summary>
    public string Name => Element.Attribute("name")?.Value ?? string.Empty;

    /// <summary>The 1-based line of the element, or 0.</summary>
    public int Line => Element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>The element as a human would name it: <c>&lt;Tag name="..."&gt;</c> or <c>&lt;Tag&gt;</c>.</summary>
    public string Describe() => Name.Length > 0 ? $"<{Tag} name=\"{Name}\">" : $"<{Tag}>";

    /// <summary>An XPath-like path from the document root, with <c>[@name='...']</c> where the element has a name.</summary>
    public string Path
    {
        get
        {
            var segments = new Stack<string>();
            for (var current = Element; current is not null; current = current.Parent)
            {
                var name = current.Attribute("name")?.Value;
                segments.Push(string.IsNullOrEmpty(name)
                    ? current.Name.LocalName
                    : $"{current.Name.LocalName}[@name='{name.Replace("'", "&apos;", StringComparison.Ordinal)}']");
            }

            var path = new StringBuilder();
            foreach (var segment in segments)
            {
                path.Append('/').Append(segment);
            }

            return path.ToString();
        }
    }

    /// <summary>An error located at this element.</summary>
    public OsimFormatException Error(string problem, Exception? inner = null) =>
        new(problem, _context.SourceName, Line, Path, inner);

    /// <summary>The child elements, in order (read or not).</summary>
    public IEnumerable<OsimElement> Children() => Element.Elements().Select(e => new OsimElement(e, _context));

    /// <summary>Marks every child element as read and returns them in order.</summary>
    public IReadOnlyList<OsimElement> ReadAllChildren()
    {
        var children = new List<OsimElement>();
        foreach (var child in Element.Elements())
        {
            _read.Add(child);
            children.Add(new OsimElement(child, _context));
        }

        return children;
    }

    /// <summary>The child with the given tag, marked as read; null if absent; an error if it appears twice.</summary>
    public OsimElement? Optional(string tag)
    {
        XElement? found = null;
        foreach (var child in Element.Elements())
        {
            if (child.Name.LocalName != tag)
            {
                continue;
            }

            if (found is not null)
            {
                throw new OsimElement(child, _context).Error($"<{tag}> appears more than once in {Describe()}.");
            }

            found = child;
        }

        if (found is null)
        {
            return null;
        }

        _read.Add(found);
        return new OsimElement(found, _context);
    }

    /// <summary>The child with the given tag, marked as read; an error if it is absent.</summary>
    public OsimElement Required(string tag) =>
        Optional(tag) ?? throw Error($"{Describe()} has no <{tag}>, which is required.");

    /// <summary>The first child with the given tag (read or not), or this element when there is none: where to report a
    /// problem with a property that may have been left at its default.</summary>
    public OsimElement ChildOrSelf(string tag) =>
        Element.Elements().FirstOrDefault(e => e.Name.LocalName == tag) is { } child ? new OsimElement(child, _context) : this;

    /// <summary>Marks children with the given tags as read without looking at them (display-only content).</summary>
    public void Ignore(params string[] tags)
    {
        foreach (var child in Element.Elements())
        {
            if (Array.IndexOf(tags, child.Name.LocalName) >= 0)
            {
                _read.Add(child);
            }
        }
    }

    /// <summary>Requires the child list property with the given tag (e.g. OpenSim's <c>components</c>) to be absent or
    /// empty: the managed engine models none of what it could hold.</summary>
    public void RequireEmpty(string tag, string what)
    {
        var list = Optional(tag);
        var first = list?.Element.Elements().FirstOrDefault();
        if (first is not null)
        {
            var item = new OsimElement(first, _context);
            throw item.Error($"{item.Describe()} in <{tag}> of {Describe()} is not supported: {what}.");
        }
    }

    /// <summary>Throws for the first child element that was not read: the engine does not model it.</summary>
    public void EnsureAllRead()
    {
        foreach (var child in Element.Elements())
        {
            if (!_read.Contains(child))
            {
                var item = new OsimElement(child, _context);
                throw item.Error($"{item.Describe()} is not supported in {Describe()}: the managed engine does not model it"
                    + _context.LegacyHint + ".");
            }
        }
    }

    /// <summary>The element's text, trimmed; an error if it holds elements instead of a value.</summary>
    public string Text
    {
        get
        {
            if (Element.HasElements)
            {
                throw Error($"{Describe()} must hold a value, not elements.");
            }

            return Element.Value.Trim();
        }
    }

    /// <summary>The value as a double (invariant culture; <c>inf</c>, <c>-inf</c>, <c>nan</c> are understood as SimTK
    /// writes them). Non-finite values are errors unless <paramref name="allowInfinite"/>.</summary>
    public double AsDouble(bool allowInfinite = false)
    {
        var values = AsDoubles(1, allowInfinite);
        return values[0];
    }

    /// <summary>The value as exactly <paramref name="count"/> whitespace-separated doubles.</summary>
    public double[] AsDoubles(int count, bool allowInfinite = false)
    {
        var tokens = Tokens();
        if (tokens.Length != count)
        {
            throw Error(count == 1
                ? $"{Describe()} must hold one number; found \"{Text}\"."
                : $"{Describe()} must hold {count} numbers separated by spaces; found {tokens.Length} in \"{Text}\".");
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ParseDouble(tokens[i]) ?? throw Error($"{Describe()}: \"{tokens[i]}\" is not a number.");
            if (double.IsNaN(values[i]) || (!allowInfinite && double.IsInfinity(values[i])))
            {
                throw Error($"{Describe()}: \"{tokens[i]}\" is not a finite number.");
            }
        }

        return values;
    }

    /// <summary>The value as exactly <paramref name="count"/> whitespace-separated integers.</summary>
    public int[] AsInts(int count)
    {
        var tokens = Tokens();
        if (tokens.Length != count)
        {
            throw Error($"{Describe()} must hold {count} integers separated by spaces; found {tokens.Length} in \"{Text}\".");
        }

        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (!int.TryParse(tokens[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]))
            {
                throw Error($"{Describe()}: \"{tokens[i]}\" is not an integer.");
            }
        }

        return values;
    }

    /// <summary>The value as a three-vector.</summary>
    public Point3 AsVec3()
    {
        var values = AsDoubles(3);
        return new Point3(values[0], values[1], values[2]);
    }

    /// <summary>The value as a boolean: <c>true</c>/<c>false</c> (any case) or <c>1</c>/<c>0</c>.</summary>
    public bool AsBool()
    {
        var text = Text;
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1")
        {
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text == "0")
        {
            return false;
        }

        throw Error($"{Describe()}: \"{text}\" is not a boolean (true or false).");
    }

    /// <summary>A child's double value, or <paramref name="defaultValue"/> when the child is absent.</summary>
    public double Double(string tag, double defaultValue, bool allowInfinite = false) =>
        Optional(tag)?.AsDouble(allowInfinite) ?? defaultValue;

    /// <summary>A child's boolean value, or <paramref name="defaultValue"/> when the child is absent.</summary>
    public bool Bool(string tag, bool defaultValue) => Optional(tag)?.AsBool() ?? defaultValue;

    /// <summary>A child's vector value, or <paramref name="defaultValue"/> when the child is absent.</summary>
    public Point3 Vec3(string tag, Point3 defaultValue) => Optional(tag)?.AsVec3() ?? defaultValue;

    /// <summary>A child's text, or null when the child is absent.</summary>
    public string? String(string tag) => Optional(tag)?.Text;

    private string[] Tokens() => Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static double? ParseDouble(string token)
    {
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // SimTK writes and reads infinities as "Inf"/"-Inf" (and accepts "Infinity").
        var unsigned = token.Length > 0 && token[0] is '+' or '-' ? token[1..] : token;
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return token.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        }

        return null;
    }
}
