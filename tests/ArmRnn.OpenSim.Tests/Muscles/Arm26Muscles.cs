using System.Globalization;
using System.Xml.Linq;
using ArmRnn.OpenSim.Model;
using ArmRnn.Tests.Shared;

namespace ArmRnn.OpenSim.Tests.Muscles;

/// <summary>The six Thelen2003Muscle elements of the shared <c>arm26.osim</c>, read directly with System.Xml.Linq.</summary>
internal static class Arm26Muscles
{
    /// <summary>Muscle names in model order.</summary>
    public static readonly string[] Names = ["TRIlong", "TRIlat", "TRImed", "BIClong", "BICshort", "BRA"];

    private static readonly Lazy<IReadOnlyDictionary<string, ThelenMuscleParameters>> Cache = new(Load);

    public static string ReferenceFolder => RepositoryPaths.SharedReference;

    public static IReadOnlyDictionary<string, ThelenMuscleParameters> Parameters => Cache.Value;

    private static Dictionary<string, ThelenMuscleParameters> Load()
    {
        var document = XDocument.Load(Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"));
        var result = new Dictionary<string, ThelenMuscleParameters>(StringComparer.Ordinal);
        foreach (XElement muscle in document.Descendants("Thelen2003Muscle"))
        {
            string name = (string?)muscle.Attribute("name") ?? throw new InvalidDataException("Unnamed muscle.");
            var p = new ThelenMuscleParameters();
            p = p with
            {
                MaxIsometricForce = Number(muscle, "max_isometric_force", p.MaxIsometricForce),
                OptimalFiberLength = Number(muscle, "optimal_fiber_length", p.OptimalFiberLength),
                TendonSlackLength = Number(muscle, "tendon_slack_length", p.TendonSlackLength),
                PennationAngleAtOptimal = Number(muscle, "pennation_angle_at_optimal", p.PennationAngleAtOptimal),
                MaxContractionVelocity = Number(muscle, "max_contraction_velocity", p.MaxContractionVelocity),
                IgnoreTendonCompliance = Flag(muscle, "ignore_tendon_compliance", p.IgnoreTendonCompliance),
                IgnoreActivationDynamics = Flag(muscle, "ignore_activation_dynamics", p.IgnoreActivationDynamics),
                FmaxTendonStrain = Number(muscle, "FmaxTendonStrain", p.FmaxTendonStrain),
                FmaxMuscleStrain = Number(muscle, "FmaxMuscleStrain", p.FmaxMuscleStrain),
                KshapeActive = Number(muscle, "KshapeActive", p.KshapeActive),
                KshapePassive = Number(muscle, "KshapePassive", p.KshapePassive),
                Af = Number(muscle, "Af", p.Af),
                Flen = Number(muscle, "Flen", p.Flen),
                FvLinearExtrapThreshold = Number(muscle, "fv_linear_extrap_threshold", p.FvLinearExtrapThreshold),
                MaximumPennationAngle = Number(muscle, "maximum_pennation_angle", p.MaximumPennationAngle),
                ActivationTimeConstant = Number(muscle, "activation_time_constant", p.ActivationTimeConstant),
                DeactivationTimeConstant = Number(muscle, "deactivation_time_constant", p.DeactivationTimeConstant),
                MinimumActivation = Number(muscle, "minimum_activation", p.MinimumActivation),
            };
            result.Add(name, p);
        }

        return result;
    }

    private static double Number(XElement muscle, string property, double fallback)
    {
        XElement? e = muscle.Element(property);
        return e is null ? fallback : double.Parse(e.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static bool Flag(XElement muscle, string property, bool fallback)
    {
        XElement? e = muscle.Element(property);
        return e is null ? fallback : bool.Parse(e.Value.Trim());
    }
}
