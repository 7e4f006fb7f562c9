using System.Globalization;
using System.Xml.Linq;
using ArmRnn.OpenSim.Native;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Native.Tests.TestSupport;

/// <summary>The shared MuJoCo 6-muscle arm (<c>mujoco_tendon_arm_arm26.xml</c>) and facts read from its XML, the
/// independent side of the tests.</summary>
internal static class MuJoCoArm
{
    /// <summary>MuJoCo's documented default muscle time constants (activation, deactivation), s: the
    /// <c>timeconst="0.01 0.04"</c> default of the MJCF <c>muscle</c> element.</summary>
    public static readonly (double Activation, double Deactivation) DefaultMuscleTimeConstants = (0.01, 0.04);

    /// <summary>MuJoCo's default gravity (m/s²) when <c>option/@gravity</c> is absent.</summary>
    public static readonly double[] DefaultGravity = [0, 0, -9.81];

    public static string ModelPath => Path.Combine(RepositoryPaths.SharedReference, "mujoco_tendon_arm_arm26.xml");

    public static XDocument Xml { get; } = XDocument.Load(ModelPath);

    public static NativePlant Open(double controlStep = 0.01, double integrationStep = 0, IReadOnlyList<string>? channels = null) =>
        new(new NativePlantOptions
        {
            Engine = NativeEngine.MuJoCo,
            ModelPath = ModelPath,
            ControlStep = controlStep,
            IntegrationStep = integrationStep,
            Channels = channels,
        });

    /// <summary>The names of the elements <paramref name="element"/> inside <paramref name="section"/>, in order.</summary>
    public static string[] Names(string section, string element) =>
        [.. Xml.Root!.Elements(section).Elements(element).Select(e => (string)e.Attribute("name")!)];

    /// <summary>Every named site, in document (model) order.</summary>
    public static string[] SiteNames() => [.. Xml.Root!.Element("worldbody")!.Descendants("site").Select(e => (string)e.Attribute("name")!)];

    /// <summary>Every named joint, in document (model) order.</summary>
    public static string[] JointNames() => [.. Xml.Root!.Element("worldbody")!.Descendants("joint").Select(e => (string)e.Attribute("name")!)];

    /// <summary>The muscle time constants of actuator <paramref name="muscle"/>: its own <c>timeconst</c>, else the
    /// default class's, else MuJoCo's documented default.</summary>
    public static (double Activation, double Deactivation) MuscleTimeConstants(string muscle)
    {
        var own = Xml.Root!.Element("actuator")!.Elements("muscle").Single(e => (string?)e.Attribute("name") == muscle).Attribute("timeconst");
        var fallback = Xml.Root.Element("default")?.Element("muscle")?.Attribute("timeconst");
        var text = (string?)(own ?? fallback);
        if (text is null)
        {
            return DefaultMuscleTimeConstants;
        }

        var values = Numbers(text);
        return (values[0], values[1]);
    }

    /// <summary>The joint axis of the default class (all joints of this model use it).</summary>
    public static double[] DefaultJointAxis() => Numbers((string)Xml.Root!.Element("default")!.Element("joint")!.Attribute("axis")!);

    /// <summary>The model's gravity (the option, else MuJoCo's default).</summary>
    public static double[] Gravity()
    {
        var text = (string?)Xml.Root!.Element("option")?.Attribute("gravity");
        return text is null ? DefaultGravity : Numbers(text);
    }

    /// <summary>The model's timestep (s).</summary>
    public static double Timestep() => double.Parse((string)Xml.Root!.Element("option")!.Attribute("timestep")!, CultureInfo.InvariantCulture);

    private static double[] Numbers(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
}
