using System.Text.RegularExpressions;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Model;

/// <summary>A muscle property the file leaves out takes OpenSim 4.3's class default (Muscle.cpp and
/// Thelen2003Muscle.cpp <c>constructProperties</c>), which <see cref="ThelenMuscleParameters"/> holds.</summary>
public sealed class ThelenDefaultsTests : IDisposable
{
    private readonly OsimTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_record_defaults_are_OpenSim_4_3_class_defaults()
    {
        var defaults = new ThelenMuscleParameters();

        // Muscle::constructProperties.
        Assert.Equal(1000.0, defaults.MaxIsometricForce);
        Assert.Equal(0.1, defaults.OptimalFiberLength);
        Assert.Equal(0.2, defaults.TendonSlackLength);
        Assert.Equal(0.0, defaults.PennationAngleAtOptimal);
        Assert.Equal(10.0, defaults.MaxContractionVelocity);
        Assert.False(defaults.IgnoreTendonCompliance);
        Assert.False(defaults.IgnoreActivationDynamics);

        // Thelen2003Muscle::constructProperties.
        Assert.Equal(0.04, defaults.FmaxTendonStrain);
        Assert.Equal(0.6, defaults.FmaxMuscleStrain);
        Assert.Equal(0.45, defaults.KshapeActive);
        Assert.Equal(5.0, defaults.KshapePassive);
        Assert.Equal(0.25, defaults.Af);
        Assert.Equal(1.4, defaults.Flen);
        Assert.Equal(0.95, defaults.FvLinearExtrapThreshold);
        Assert.Equal(Math.Acos(0.1), defaults.MaximumPennationAngle);
        Assert.Equal(0.015, defaults.ActivationTimeConstant);
        Assert.Equal(0.050, defaults.DeactivationTimeConstant);
        Assert.Equal(0.01, defaults.MinimumActivation);
    }

    [Theory]
    [InlineData("max_isometric_force", nameof(ThelenMuscleParameters.MaxIsometricForce))]
    [InlineData("optimal_fiber_length", nameof(ThelenMuscleParameters.OptimalFiberLength))]
    [InlineData("tendon_slack_length", nameof(ThelenMuscleParameters.TendonSlackLength))]
    [InlineData("pennation_angle_at_optimal", nameof(ThelenMuscleParameters.PennationAngleAtOptimal))]
    [InlineData("max_contraction_velocity", nameof(ThelenMuscleParameters.MaxContractionVelocity))]
    [InlineData("FmaxTendonStrain", nameof(ThelenMuscleParameters.FmaxTendonStrain))]
    [InlineData("FmaxMuscleStrain", nameof(ThelenMuscleParameters.FmaxMuscleStrain))]
    [InlineData("KshapeActive", nameof(ThelenMuscleParameters.KshapeActive))]
    [InlineData("KshapePassive", nameof(ThelenMuscleParameters.KshapePassive))]
    [InlineData("Af", nameof(ThelenMuscleParameters.Af))]
    [InlineData("Flen", nameof(ThelenMuscleParameters.Flen))]
    [InlineData("activation_time_constant", nameof(ThelenMuscleParameters.ActivationTimeConstant))]
    [InlineData("deactivation_time_constant", nameof(ThelenMuscleParameters.DeactivationTimeConstant))]
    public void A_left_out_property_takes_the_class_default(string tag, string property)
    {
        // Remove the property (and its comment line) from TRIlong only.
        var reference = OsimTestFiles.ReferenceText;
        var element = new Regex($@"\n\t*<{tag}>[^<]*</{tag}>");
        var text = element.Replace(reference, string.Empty, 1);
        Assert.NotEqual(reference, text);

        var model = OsimModelReader.Read(_files.Write(text));

        var info = typeof(ThelenMuscleParameters).GetProperty(property)!;
        var expected = (double)info.GetValue(new ThelenMuscleParameters())!;
        Assert.Equal(expected, (double)info.GetValue(model.Muscles[0].Parameters)!);

        // The other muscles keep the file's value.
        var reread = OsimModelReader.Read(OsimTestFiles.ReferencePath);
        Assert.Equal((double)info.GetValue(reread.Muscles[1].Parameters)!, (double)info.GetValue(model.Muscles[1].Parameters)!);
    }

    [Fact]
    public void The_properties_the_Arm26_file_leaves_out_take_the_class_defaults()
    {
        var defaults = new ThelenMuscleParameters();

        var model = OsimModelReader.Read(OsimTestFiles.ReferencePath);

        Assert.All(model.Muscles, muscle =>
        {
            Assert.Equal(defaults.FvLinearExtrapThreshold, muscle.Parameters.FvLinearExtrapThreshold);
            Assert.Equal(defaults.MaximumPennationAngle, muscle.Parameters.MaximumPennationAngle);
            Assert.Equal(defaults.MinimumActivation, muscle.Parameters.MinimumActivation);
        });
    }

    [Fact]
    public void Properties_the_Arm26_file_leaves_out_are_read_when_present()
    {
        var text = OsimTestFiles.Replace(
            OsimTestFiles.ReferenceText,
            "<Flen>1.8</Flen>",
            "<Flen>1.8</Flen><fv_linear_extrap_threshold>0.9</fv_linear_extrap_threshold>"
            + "<maximum_pennation_angle>1.2</maximum_pennation_angle><minimum_activation>0.02</minimum_activation>"
            + "<min_control>0.02</min_control><max_control>1</max_control>");

        var parameters = OsimModelReader.Read(_files.Write(text)).Muscles[0].Parameters;

        Assert.Equal(0.9, parameters.FvLinearExtrapThreshold);
        Assert.Equal(1.2, parameters.MaximumPennationAngle);
        Assert.Equal(0.02, parameters.MinimumActivation);
    }
}
