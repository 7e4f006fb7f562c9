using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Model;

/// <summary>What Arm26 does not use: pin joints, conditional path points, spheres, ground wrap objects, relative socket
/// paths, left-out properties (OpenSim's defaults), unnamed points and wraps.</summary>
public sealed class OsimModelReaderFeatureTests : IDisposable
{
    private const string Pendulum = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <OpenSimDocument Version="40000">
          <Model name="pendulum">
            <Ground name="ground">
              <WrapObjectSet>
                <objects>
                  <WrapSphere name="pulley">
                    <translation>0 0.1 0</translation>
                    <radius>0.02</radius>
                  </WrapSphere>
                </objects>
              </WrapObjectSet>
            </Ground>
            <BodySet name="bodyset">
              <objects>
                <Body name="rod">
                  <mass>2</mass>
                  <mass_center>0 -0.5 0</mass_center>
                  <inertia>0.1 0.01 0.1 0 0 0</inertia>
                </Body>
              </objects>
            </BodySet>
            <JointSet name="jointset">
              <objects>
                <PinJoint name="hinge">
                  <socket_parent_frame>ground_offset</socket_parent_frame>
                  <socket_child_frame>/bodyset/rod</socket_child_frame>
                  <coordinates>
                    <Coordinate name="angle">
                      <default_value>0.5</default_value>
                      <range>-1 1</range>
                      <clamped>true</clamped>
                    </Coordinate>
                  </coordinates>
                  <frames>
                    <PhysicalOffsetFrame name="ground_offset">
                      <socket_parent>../../../ground</socket_parent>
                      <translation>0 1 0</translation>
                      <orientation>0 0 1.5</orientation>
                    </PhysicalOffsetFrame>
                  </frames>
                </PinJoint>
              </objects>
            </JointSet>
            <ForceSet name="forceset">
              <objects>
                <Thelen2003Muscle name="lifter">
                  <GeometryPath name="geometrypath">
                    <PathPointSet>
                      <objects>
                        <PathPoint>
                          <socket_parent_frame>/ground</socket_parent_frame>
                          <location>0 0.2 0</location>
                        </PathPoint>
                        <ConditionalPathPoint name="via">
                          <socket_parent_frame>/bodyset/rod</socket_parent_frame>
                          <location>0.01 -0.2 0</location>
                          <range>0.1 0.9</range>
                          <socket_coordinate>/jointset/hinge/angle</socket_coordinate>
                        </ConditionalPathPoint>
                        <PathPoint>
                          <socket_parent_frame>/bodyset/rod</socket_parent_frame>
                          <location>0 -0.4 0</location>
                        </PathPoint>
                      </objects>
                    </PathPointSet>
                    <PathWrapSet>
                      <objects>
                        <PathWrap>
                          <wrap_object>pulley</wrap_object>
                          <method>midpoint</method>
                          <range>0 0</range>
                        </PathWrap>
                      </objects>
                    </PathWrapSet>
                  </GeometryPath>
                  <max_isometric_force>100</max_isometric_force>
                </Thelen2003Muscle>
              </objects>
            </ForceSet>
            <MarkerSet name="markerset">
              <objects>
                <Marker name="tip">
                  <socket_parent_frame>/bodyset/rod</socket_parent_frame>
                  <location>0 -1 0</location>
                </Marker>
              </objects>
            </MarkerSet>
          </Model>
        </OpenSimDocument>
        """;

    private readonly OsimTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Reads_a_pin_joint_on_an_offset_frame_named_by_a_relative_path()
    {
        var model = OsimModelReader.Read(_files.Write(Pendulum));

        var joint = Assert.Single(model.Joints);
        Assert.Equal(JointKind.Pin, joint.Kind);
        Assert.Equal(new Point3(0, 0, 1), joint.RotationAxis);
        Assert.Equal(new Frame("ground", new Point3(0, 1, 0), new Point3(0, 0, 1.5)), joint.Parent);
        Assert.Equal(new Frame("rod", Point3.Zero, Point3.Zero), joint.Child);
        Assert.Equal(new CoordinateDescription("angle", 0.5, 0, -1, 1, Clamped: true, Locked: false), joint.Coordinate);
    }

    [Fact]
    public void Left_out_properties_take_OpenSim_defaults()
    {
        var model = OsimModelReader.Read(_files.Write(Pendulum));

        Assert.Equal(new Point3(0, -9.80665, 0), model.Gravity);
        var muscle = Assert.Single(model.Muscles);
        Assert.True(muscle.AppliesForce);
        Assert.Equal(new ThelenMuscleParameters { MaxIsometricForce = 100 }, muscle.Parameters);
        var sphere = Assert.IsType<WrapSphereDescription>(Assert.Single(model.WrapObjects));
        Assert.Equal(new WrapSphereDescription("pulley", "ground", true, Point3.Zero, new Point3(0, 0.1, 0), WrapQuadrant.All, 0.02), sphere);
    }

    [Fact]
    public void Reads_conditional_points_and_names_unnamed_points_and_wraps_as_OpenSim()
    {
        var path = OsimModelReader.Read(_files.Write(Pendulum)).Muscles[0].Path;

        Assert.Equal(
            [
                new PathPointDescription("lifter-P1", "ground", new Point3(0, 0.2, 0)),
                new PathPointDescription("via", "rod", new Point3(0.01, -0.2, 0), "angle", 0.1, 0.9),
                new PathPointDescription("lifter-P3", "rod", new Point3(0, -0.4, 0)),
            ],
            path.Points);
        Assert.True(path.Points[1].IsConditional);

        // A range below 1 means "all points", as -1 does.
        Assert.Equal(new PathWrapDescription("pathwrap_0", "pulley", WrapMethod.Midpoint, -1, -1), Assert.Single(path.Wraps));
    }

    [Fact]
    public void A_conditional_point_on_an_unknown_coordinate_is_an_error()
    {
        var text = Pendulum.Replace("/jointset/hinge/angle", "/jointset/hinge/angel", StringComparison.Ordinal);

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(_files.Write(text)));

        Assert.Contains("/jointset/hinge/angel", error.Problem, StringComparison.Ordinal);
        Assert.Equal(OsimTestFiles.LineOf(text, "<socket_coordinate>"), error.LineNumber);
    }

    [Fact]
    public void An_offset_frame_on_an_offset_frame_is_an_error()
    {
        var text = Pendulum.Replace(
            "</PhysicalOffsetFrame>",
            "</PhysicalOffsetFrame>\n<PhysicalOffsetFrame name=\"second\"><socket_parent>../ground_offset</socket_parent></PhysicalOffsetFrame>",
            StringComparison.Ordinal);

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(_files.Write(text)));

        Assert.Contains("offset frame 'second'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_value_outside_the_range_of_a_clamped_coordinate_is_an_error()
    {
        var text = Pendulum.Replace("<default_value>0.5</default_value>", "<default_value>1.5</default_value>", StringComparison.Ordinal);

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(_files.Write(text)));

        Assert.Contains("'angle'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrap_range_beyond_the_path_is_an_error()
    {
        var text = Pendulum.Replace("<range>0 0</range>", "<range>2 4</range>", StringComparison.Ordinal);

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(_files.Write(text)));

        Assert.Contains("3 path points", error.Problem, StringComparison.Ordinal);
        Assert.Equal(OsimTestFiles.LineOf(text, "<range>2 4</range>"), error.LineNumber);
    }

    [Fact]
    public void A_path_with_one_point_is_an_error()
    {
        var start = Pendulum.IndexOf("<ConditionalPathPoint", StringComparison.Ordinal);
        var end = Pendulum.IndexOf("</PathPointSet>", StringComparison.Ordinal);
        var text = Pendulum[..start] + "</objects>\n" + Pendulum[end..];

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(_files.Write(text)));

        Assert.Contains("at least two", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_without_mass_is_an_error()
    {
        var text = Pendulum.Replace("<mass>2</mass>", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(_files.Write(text)));

        Assert.Contains("<mass>", error.Problem, StringComparison.Ordinal);
        Assert.Equal(OsimTestFiles.LineOf(text, "<Body name=\"rod\">"), error.LineNumber);
    }

    [Fact]
    public void A_massless_body_with_inertia_is_an_error()
    {
        var text = Pendulum.Replace("<mass>2</mass>", "<mass>0</mass>", StringComparison.Ordinal);

        var error = Assert.Throws<OsimFormatException>(() => OsimModelReader.Read(_files.Write(text)));

        Assert.Contains("no mass", error.Problem, StringComparison.Ordinal);
    }
}
