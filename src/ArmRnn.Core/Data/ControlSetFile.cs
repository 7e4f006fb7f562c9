using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ArmRnn.Data;

/// <summary>
/// Reads OpenSim <c>ControlSet</c> XML files (<c>&lt;OpenSimDocument&gt;&lt;ControlSet&gt;&lt;objects&gt;...</c>), as written by
/// OpenSim's Computed Muscle Control and Static Optimization tools and read by its Forward tool.
/// </summary>
/// <remarks>
/// <para>Supported controls: <c>ControlLinear</c> (<c>x_nodes</c> of <c>ControlLinearNode</c> with <c>t</c> and
/// <c>value</c>; <c>use_steps</c>, <c>extrapolate</c>, <c>default_min</c>, <c>default_max</c>,
/// <c>is_model_control</c>, <c>filter_on</c>) and <c>ControlConstant</c> (<c>value</c>). Missing properties take
/// OpenSim 4's defaults (<c>extrapolate</c> and <c>is_model_control</c> true, <c>use_steps</c> and <c>filter_on</c>
/// false, <c>default_min</c> 0.02, <c>default_max</c> 1). The optional <c>min_nodes</c>/<c>max_nodes</c> curves
/// (time-varying bounds), <c>kp</c>/<c>kv</c> (filter gains) and <c>groups</c> are ignored. Any other control
/// element is an error that names it.</para>
/// <para>The root may be <c>OpenSimDocument</c> (holding one <c>ControlSet</c>) or <c>ControlSet</c> itself.
/// DTDs are refused and no external resource is resolved.</para>
/// </remarks>
public static class ControlSetFile
{
    /// <summary>Reads a control set file.</summary>
    /// <param name="path">The XML file.</param>
    /// <returns>The controls, in file order, with <see cref="ControlSet.SourcePath"/> set.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DatasetFormatException">The file is not well-formed XML, not a control set, holds an
    /// unsupported control type, or a malformed value; the message names the file, the line and the element.</exception>
    public static ControlSet Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The control set file '{path}' does not exist.", path);
        }

        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
            };
            using var reader = XmlReader.Create(path, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new DatasetFormatException(
                path,
                $"not well-formed XML ({ex.Message}). Expected an OpenSim ControlSet document.",
                ex.LineNumber > 0 ? ex.LineNumber : null,
                ex);
        }

        return new Parser(path).Parse(document);
    }

    /// <summary>Turns one loaded document into a control set; every problem becomes a <see cref="DatasetFormatException"/>.</summary>
    private sealed class Parser(string path)
    {
        public ControlSet Parse(XDocument document)
        {
            var root = document.Root ?? throw Fail("the document has no root element.", null);
            XElement set;
            if (root.Name.LocalName == "ControlSet")
            {
                set = root;
            }
            else if (root.Name.LocalName == "OpenSimDocument")
            {
                var sets = root.Elements().Where(e => e.Name.LocalName == "ControlSet").ToArray();
                set = sets.Length switch
                {
                    1 => sets[0],
                    0 => throw Fail("<OpenSimDocument> holds no <ControlSet>: not a control set file.", root),
                    _ => throw Fail($"<OpenSimDocument> holds {sets.Length} <ControlSet> elements; one was expected.", sets[1]),
                };
            }
            else
            {
                throw Fail($"the root element is <{root.Name.LocalName}> but <OpenSimDocument> or <ControlSet> was expected: not an OpenSim control set file.", root);
            }

            var objects = set.Elements().Where(e => e.Name.LocalName == "objects").ToArray();
            if (objects.Length > 1)
            {
                throw Fail("<ControlSet> has more than one <objects> element.", objects[1]);
            }

            var controls = new List<OpenSimControl>();
            var lines = new Dictionary<string, XElement>(StringComparer.Ordinal);
            foreach (var element in objects.Length == 0 ? Enumerable.Empty<XElement>() : objects[0].Elements())
            {
                OpenSimControl control = element.Name.LocalName switch
                {
                    "ControlLinear" => ParseLinear(element),
                    "ControlConstant" => ParseConstant(element),
                    var other => throw Fail(
                        $"unsupported control type <{other} name=\"{(string?)element.Attribute("name")}\">; supported: ControlLinear, ControlConstant.",
                        element),
                };
                if (!lines.TryAdd(control.Name, element))
                {
                    throw Fail($"a second control is named '{control.Name}' (the first is at line {LineOf(lines[control.Name])}).", element);
                }

                controls.Add(control);
            }

            return new ControlSet((string?)set.Attribute("name") ?? string.Empty, controls, path);
        }

        private LinearControl ParseLinear(XElement element)
        {
            var name = ControlName(element);
            var nodes = new List<ControlNode>();
            var xNodes = Child(element, "x_nodes");
            if (xNodes is not null)
            {
                foreach (var node in xNodes.Elements())
                {
                    if (node.Name.LocalName != "ControlLinearNode")
                    {
                        throw Fail($"control '{name}': <x_nodes> holds <{node.Name.LocalName}> but only <ControlLinearNode> was expected.", node);
                    }

                    var time = RequiredNumber(node, "t", name);
                    var value = Child(node, "value") is not null ? RequiredNumber(node, "value", name) : RequiredNumber(node, "x", name);
                    if (!double.IsFinite(time))
                    {
                        throw Fail($"control '{name}': node time is {time}; node times must be finite.", node);
                    }

                    if (nodes.Count > 0 && time < nodes[^1].Time)
                    {
                        throw Fail(
                            string.Create(CultureInfo.InvariantCulture, $"control '{name}': node time {time} comes after {nodes[^1].Time}; node times must not decrease."),
                            node);
                    }

                    nodes.Add(new ControlNode(time, value));
                }
            }

            return new LinearControl(
                name,
                nodes,
                useSteps: Boolean(element, "use_steps", false, name),
                extrapolate: Boolean(element, "extrapolate", true, name),
                defaultMin: Number(element, "default_min", 0.02, name),
                defaultMax: Number(element, "default_max", 1.0, name),
                isModelControl: Boolean(element, "is_model_control", true, name),
                filterOn: Boolean(element, "filter_on", false, name));
        }

        private ConstantControl ParseConstant(XElement element)
        {
            var name = ControlName(element);
            return new ConstantControl(
                name,
                RequiredNumber(element, "value", name),
                isModelControl: Boolean(element, "is_model_control", true, name),
                defaultMin: Number(element, "default_min", 0.02, name),
                defaultMax: Number(element, "default_max", 1.0, name));
        }

        private string ControlName(XElement element)
        {
            var name = ((string?)element.Attribute("name"))?.Trim();
            return string.IsNullOrEmpty(name)
                ? throw Fail($"<{element.Name.LocalName}> has no name attribute; each control needs one.", element)
                : name;
        }

        private static XElement? Child(XElement parent, string name) =>
            parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        private double RequiredNumber(XElement parent, string child, string control)
        {
            var element = Child(parent, child)
                ?? throw Fail($"control '{control}': <{parent.Name.LocalName}> has no <{child}> element.", parent);
            return ParseNumber(element, control);
        }

        private double Number(XElement parent, string child, double fallback, string control)
        {
            var element = Child(parent, child);
            return element is null || string.IsNullOrWhiteSpace(element.Value) ? fallback : ParseNumber(element, control);
        }

        private double ParseNumber(XElement element, string control)
        {
            var text = element.Value.Trim();
            return InvariantNumbers.TryParse(text, out var value)
                ? value
                : throw Fail($"control '{control}': <{element.Name.LocalName}> holds '{text}', which is not a number.", element);
        }

        private bool Boolean(XElement parent, string child, bool fallback, string control)
        {
            var element = Child(parent, child);
            if (element is null || string.IsNullOrWhiteSpace(element.Value))
            {
                return fallback;
            }

            var text = element.Value.Trim();
            return text.ToUpperInvariant() switch
            {
                "TRUE" or "1" => true,
                "FALSE" or "0" => false,
                _ => throw Fail($"control '{control}': <{child}> holds '{text}' but 'true' or 'false' was expected.", element),
            };
        }

        private static int? LineOf(XObject? node) =>
            node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

        private DatasetFormatException Fail(string problem, XObject? node) => new(path, problem, LineOf(node));
    }
}
