using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Model;

/// <summary>Modified copies of the reference file: what the engine does not model, and malformed content, are errors
/// that name the file, the element and its line.</summary>
public sealed class OsimModelReaderErrorTests : IDisposable
{
    private readonly OsimTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Another_muscle_type_is_an_error_naming_the_element_and_line()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<Thelen2003Muscle name=\"TRIlat\">", "<Millard2012EquilibriumMuscle name=\"TRIlat\">");
        text = ReplaceAfter(text, "<Millard2012EquilibriumMuscle", "</Thelen2003Muscle>", "</Millard2012EquilibriumMuscle>");

        var error = ReadError(text, "<Millard2012EquilibriumMuscle name=\"TRIlat\">");

        Assert.Contains("Millard2012EquilibriumMuscle", error.Message, StringComparison.Ordinal);
        Assert.Contains("'TRIlat'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Thelen2003Muscle", error.Problem, StringComparison.Ordinal);
        Assert.EndsWith("/ForceSet[@name='forceset']/objects/Millard2012EquilibriumMuscle[@name='TRIlat']", error.ElementPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_force_type_is_an_error()
    {
        var text = OsimTestFiles.Replace(
            OsimTestFiles.ReferenceText,
            "<Thelen2003Muscle name=\"TRIlong\">",
            "<CoordinateActuator name=\"shoulder_motor\"><coordinate>r_shoulder_elev</coordinate></CoordinateActuator>\n<Thelen2003Muscle name=\"TRIlong\">");

        var error = ReadError(text, "<CoordinateActuator name=\"shoulder_motor\">");

        Assert.Contains("CoordinateActuator", error.Message, StringComparison.Ordinal);
        Assert.Contains("shoulder_motor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constraint_is_an_error()
    {
        var text = OsimTestFiles.Replace(
            OsimTestFiles.ReferenceText,
            "<ConstraintSet name=\"constraintset\">\n\t\t\t<objects />",
            "<ConstraintSet name=\"constraintset\">\n\t\t\t<objects>\n\t\t\t\t<WeldConstraint name=\"hold_elbow\">\n"
            + "\t\t\t\t\t<socket_frame1>/bodyset/r_humerus</socket_frame1>\n\t\t\t\t\t<socket_frame2>/bodyset/r_ulna_radius_hand</socket_frame2>\n"
            + "\t\t\t\t</WeldConstraint>\n\t\t\t</objects>");

        var error = ReadError(text, "<WeldConstraint name=\"hold_elbow\">");

        Assert.Contains("WeldConstraint", error.Message, StringComparison.Ordinal);
        Assert.Contains("hold_elbow", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConstraintSet", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ControllerSet", "controllerset", "<PrescribedController name=\"drive\" />", "<PrescribedController name=\"drive\" />")]
    [InlineData("ProbeSet", "probeset", "<JointInternalPowerProbe name=\"power\" />", "<JointInternalPowerProbe name=\"power\" />")]
    [InlineData("ContactGeometrySet", "contactgeometryset", "<ContactSphere name=\"ball\" />", "<ContactSphere name=\"ball\" />")]
    [InlineData("ComponentSet", "componentset", "<PhysicalOffsetFrame name=\"extra\" />", "<PhysicalOffsetFrame name=\"extra\" />")]
    public void A_non_empty_set_the_engine_does_not_model_is_an_error(string set, string setName, string item, string marker)
    {
        var text = OsimTestFiles.Replace(
            OsimTestFiles.ReferenceText,
            $"<{set} name=\"{setName}\">\n\t\t\t<objects />",
            $"<{set} name=\"{setName}\">\n\t\t\t<objects>\n\t\t\t\t{item}\n\t\t\t</objects>");

        var error = ReadError(text, marker);

        Assert.Contains(set, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_mass_is_an_error_naming_file_line_and_element()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<mass>1.8645719999999999</mass>", "<mass>abc</mass>");

        var error = ReadError(text, "<mass>abc</mass>");

        Assert.Contains("\"abc\" is not a number", error.Message, StringComparison.Ordinal);
        Assert.Contains("variant.osim", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("/BodySet[@name='bodyset']/objects/Body[@name='r_humerus']/mass", error.ElementPath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<location>-0.01256 0.040000000000000001 0.17000000000000001</location>", "<location>-0.01256 0.04</location>", "2 numbers", "must hold 3 numbers")]
    [InlineData("<location>-0.01256 0.040000000000000001 0.17000000000000001</location>", "<location>-0.01256 0,04 0.17</location>", "0,04", "is not a number")]
    [InlineData("<range>-1.5707963300000001 3.1415926500000002</range>", "<range>-1.57 nan</range>", "nan", "not a finite number")]
    [InlineData("<max_isometric_force>798.51999999999998</max_isometric_force>", "<max_isometric_force>1e400x</max_isometric_force>", "1e400x", "is not a number")]
    [InlineData("<active>true</active>", "<active>yes</active>", "yes", "is not a boolean")]
    [InlineData("<range>2 3</range>", "<range>2 three</range>", "three", "is not an integer")]
    public void Malformed_values_are_errors(string old, string replacement, string marker, string expected)
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, old, replacement);

        var error = ReadError(text, replacement);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(marker.Split(' ')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_xml_is_an_error_with_a_line()
    {
        var reference = OsimTestFiles.ReferenceText;
        var path = _files.Write(reference[..(reference.Length / 2)]);

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(path));

        Assert.Contains("not well-formed XML", error.Message, StringComparison.Ordinal);
        Assert.True(error.LineNumber > 0);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Null(error.ElementPath);
    }

    [Fact]
    public void An_empty_stream_is_an_error()
    {
        using var stream = new MemoryStream();

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(stream, "empty.osim"));

        Assert.StartsWith("empty.osim", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_moving_path_point_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<PathPoint name=\"TRIlat-P2\">", "<MovingPathPoint name=\"TRIlat-P2\">");
        text = ReplaceAfter(text, "<MovingPathPoint", "</PathPoint>", "</MovingPathPoint>");

        var error = ReadError(text, "<MovingPathPoint name=\"TRIlat-P2\">");

        Assert.Contains("MovingPathPoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("TRIlat-P2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ignore_tendon_compliance")]
    [InlineData("ignore_activation_dynamics")]
    public void Rigid_tendons_and_no_activation_dynamics_are_errors(string flag)
    {
        var text = InsertIntoMuscle("BRA", $"<{flag}>true</{flag}>");

        var error = ReadError(text, $"<{flag}>true");

        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
        Assert.Contains("'BRA'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void False_ignore_flags_are_accepted()
    {
        var text = InsertIntoMuscle("BRA", "<ignore_tendon_compliance>false</ignore_tendon_compliance><ignore_activation_dynamics>false</ignore_activation_dynamics>");

        var model = OsimModelReader.Read(_files.Write(text));

        Assert.False(model.Muscles[5].Parameters.IgnoreTendonCompliance);
    }

    [Fact]
    public void A_locked_coordinate_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<locked>false</locked>", "<locked>true</locked>");

        var error = ReadError(text, "<locked>true</locked>");

        Assert.Contains("r_shoulder_elev", error.Message, StringComparison.Ordinal);
        Assert.Contains("locked", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prescribed_coordinate_is_an_error()
    {
        var text = OsimTestFiles.Replace(
            OsimTestFiles.ReferenceText,
            "<prescribed_function />",
            "<prescribed_function><Constant name=\"function\"><value>0.5</value></Constant></prescribed_function><prescribed>true</prescribed>");

        var error = ReadError(text, "<prescribed>true</prescribed>");

        Assert.Contains("prescribed", error.Problem, StringComparison.Ordinal);
        Assert.Contains("r_shoulder_elev", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_offset_on_a_transform_axis_is_an_error_naming_joint_and_axis()
    {
        var text = ReplaceAfter(OsimTestFiles.ReferenceText, "<TransformAxis name=\"rotation2\">", "<value>0</value>", "<value>0.1</value>");

        var error = ReadError(text, "<value>0.1</value>");

        Assert.Contains("r_shoulder", error.Message, StringComparison.Ordinal);
        Assert.Contains("rotation2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Constant 0.1", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scaled_coordinate_is_an_error_naming_joint_and_axis()
    {
        var text = ReplaceAfter(OsimTestFiles.ReferenceText, "<CustomJoint name=\"r_elbow\">", "<coefficients> 1 0</coefficients>", "<coefficients> 2 0</coefficients>");

        var error = ReadError(text, "<coefficients> 2 0</coefficients>");

        Assert.Contains("r_elbow", error.Message, StringComparison.Ordinal);
        Assert.Contains("rotation1", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"1 0\"", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_driven_translation_is_an_error()
    {
        var elbow = OsimTestFiles.ReferenceText.IndexOf("<CustomJoint name=\"r_elbow\">", StringComparison.Ordinal);
        var text = ReplaceAfter(
            OsimTestFiles.ReferenceText,
            OsimTestFiles.ReferenceText.IndexOf("<TransformAxis name=\"translation1\">", elbow, StringComparison.Ordinal),
            "<coordinates></coordinates>",
            "<coordinates>r_elbow_flex </coordinates>");

        var error = ReadError(text, "<coordinates>r_elbow_flex </coordinates>");

        Assert.Contains("translation1", error.Message, StringComparison.Ordinal);
        Assert.Contains("r_elbow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_function_type_is_an_error()
    {
        var text = ReplaceAfter(
            OsimTestFiles.ReferenceText,
            "<TransformAxis name=\"rotation3\">",
            "<Constant name=\"function\">\n\t\t\t\t\t\t\t\t<value>0</value>\n\t\t\t\t\t\t\t</Constant>",
            "<SimmSpline name=\"function\">\n\t\t\t\t\t\t\t\t<x>0 1</x><y>0 1</y>\n\t\t\t\t\t\t\t</SimmSpline>");

        var error = ReadError(text, "<SimmSpline name=\"function\">");

        Assert.Contains("SimmSpline", error.Message, StringComparison.Ordinal);
        Assert.Contains("rotation3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_joint_type_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<WeldJoint name=\"offset\">", "<BallJoint name=\"offset\">");
        text = OsimTestFiles.Replace(text, "</WeldJoint>", "</BallJoint>");

        var error = ReadError(text, "<BallJoint name=\"offset\">");

        Assert.Contains("BallJoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_branching_chain_is_an_error()
    {
        // Hang the elbow from base as well as the shoulder.
        var text = OsimTestFiles.Replace(
            OsimTestFiles.ReferenceText,
            "<socket_parent_frame>r_humerus_offset</socket_parent_frame>",
            "<socket_parent_frame>/bodyset/base</socket_parent_frame>");

        var error = ReadError(text, "<CustomJoint name=\"r_elbow\">");

        Assert.Contains("serial chain", error.Problem, StringComparison.Ordinal);
        Assert.Contains("'r_shoulder' and 'r_elbow'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_without_a_joint_is_an_error()
    {
        var text = OsimTestFiles.Replace(
            OsimTestFiles.ReferenceText,
            "<Body name=\"r_humerus\">",
            "<Body name=\"loose\"><mass>1</mass><inertia>0.1 0.1 0.1 0 0 0</inertia></Body>\n<Body name=\"r_humerus\">");

        var error = ReadError(text, "<Body name=\"loose\">");

        Assert.Contains("'loose'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_element_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<mass>1.5343150000000001</mass>", "<mass>1.5343150000000001</mass><damping>0.1</damping>");

        var error = ReadError(text, "<damping>");

        Assert.Contains("<damping>", error.Message, StringComparison.Ordinal);
        Assert.Contains("r_ulna_radius_hand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_property_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<mass>1.5343150000000001</mass>", "<mass>1.5343150000000001</mass><mass>2</mass>");

        var error = ReadError(text, "<mass>2</mass>");

        Assert.Contains("more than once", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Units_other_than_meters_are_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<length_units>meters</length_units>", "<length_units>millimeters</length_units>");

        var error = ReadError(text, "<length_units>");

        Assert.Contains("millimeters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_quadrant_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<quadrant>-y</quadrant>", "<quadrant>-q</quadrant>");

        var error = ReadError(text, "<quadrant>-q</quadrant>");

        Assert.Contains("BIClonghh", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"-q\"", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_wrap_object_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<wrap_object>BIClonghh</wrap_object>", "<wrap_object>BIClongh</wrap_object>");

        var error = ReadError(text, "<wrap_object>BIClongh</wrap_object>");

        Assert.Contains("'BIClongh'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_wrap_object_type_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<WrapCylinder name=\"TRI\">", "<WrapTorus name=\"TRI\">");
        text = ReplaceAfter(text, "<WrapTorus", "</WrapCylinder>", "</WrapTorus>");

        var error = ReadError(text, "<WrapTorus name=\"TRI\">");

        Assert.Contains("WrapTorus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_marker_on_an_unknown_body_is_an_error()
    {
        var text = OsimTestFiles.Replace(
            OsimTestFiles.ReferenceText,
            "<socket_parent_frame>/bodyset/r_ulna_radius_hand</socket_parent_frame>\n\t\t\t\t\t<!--The fixed location of the station",
            "<socket_parent_frame>/bodyset/hand</socket_parent_frame>\n\t\t\t\t\t<!--The fixed location of the station");

        var error = ReadError(text, "<socket_parent_frame>/bodyset/hand</socket_parent_frame>");

        Assert.Contains("/bodyset/hand", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_document_version_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "Version=\"40000\"", "Version=\"20302\"");

        var error = ReadError(text, "<OpenSimDocument");

        Assert.Contains("20302", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_muscle_property_OpenSim_rejects_is_an_error()
    {
        var text = OsimTestFiles.Replace(OsimTestFiles.ReferenceText, "<Flen>1.8</Flen>", "<Flen>0.9</Flen>");

        var error = ReadError(text, "<Flen>0.9</Flen>");

        Assert.Contains("Flen", error.Problem, StringComparison.Ordinal);
        Assert.Contains("'TRIlong'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_minimum_activation_above_the_default_min_control_is_an_error_as_in_OpenSim()
    {
        // Thelen2003Muscle sets min_control to 0.01 before the file is read; a larger minimum_activation without a
        // matching min_control fails OpenSim's check too.
        var text = InsertIntoMuscle("BRA", "<minimum_activation>0.05</minimum_activation>");

        var error = ReadError(text, "<Thelen2003Muscle name=\"BRA\">");
        Assert.Contains("min_control", error.Problem, StringComparison.Ordinal);

        var fixedText = InsertIntoMuscle("BRA", "<minimum_activation>0.05</minimum_activation><min_control>0.05</min_control>");
        Assert.Equal(0.05, OsimModelReader.Read(_files.Write(fixedText, "fixed.osim")).Muscles[5].Parameters.MinimumActivation);
    }

    private OsimFormatException ReadError(string text, string marker)
    {
        var path = _files.Write(text);

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(path));

        var line = OsimTestFiles.LineOf(text, marker);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains($"line {line}", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.SourceName);
        Assert.NotNull(error.ElementPath);
        Assert.StartsWith("/OpenSimDocument", error.ElementPath, StringComparison.Ordinal);
        return error;
    }

    /// <summary>Inserts XML at the end of a muscle's properties.</summary>
    private static string InsertIntoMuscle(string muscle, string xml) =>
        ReplaceAfter(OsimTestFiles.ReferenceText, $"<Thelen2003Muscle name=\"{muscle}\">", "</Thelen2003Muscle>", xml + "</Thelen2003Muscle>");

    /// <summary>Replaces the first <paramref name="old"/> after the first <paramref name="anchor"/>.</summary>
    private static string ReplaceAfter(string text, string anchor, string old, string replacement) =>
        ReplaceAfter(text, text.IndexOf(anchor, StringComparison.Ordinal), old, replacement);

    /// <summary>Replaces the first <paramref name="old"/> at or after <paramref name="start"/>.</summary>
    private static string ReplaceAfter(string text, int start, string old, string replacement)
    {
        Assert.True(start >= 0, "No anchor.");
        return string.Concat(text.AsSpan(0, start), OsimTestFiles.Replace(text[start..], old, replacement));
    }
}
