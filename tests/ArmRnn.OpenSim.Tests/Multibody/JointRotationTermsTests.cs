using ArmRnn.Geometry;
using ArmRnn.OpenSim.Engine;
using ArmRnn.OpenSim.Engine.Multibody;

namespace ArmRnn.OpenSim.Tests.Multibody;

/// <summary><see cref="JointRotationTerms"/>: Rodrigues' formula split into constant and angle-dependent parts.</summary>
public sealed class JointRotationTermsTests
{
    [Fact]
    public void Apply_equals_rotating_about_the_axis_then_placing_the_following_frame()
    {
        // Reference: build R(θ) explicitly (Rotation3.AboutAxis) and compose. Both are a handful of products of numbers
        // below ~1 in magnitude, so they agree to rounding: 1e-14.
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var axis = new Point3(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5).Normalized();
            var after = Pose.FromTranslationAndXyz(
                new Point3(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5),
                new Point3(6 * random.NextDouble(), 6 * random.NextDouble(), 6 * random.NextDouble()));
            var angle = (random.NextDouble() - 0.5) * 4 * Math.PI;

            var expected = new Pose(Rotation3.AboutAxis(axis, angle), Point3.Zero).Compose(after);
            var actual = JointRotationTerms.For(axis, after).Apply(Math.Sin(angle), Math.Cos(angle));

            var (e, a) = (expected.Rotation, actual.Rotation);
            double[] expectedValues = [e.M00, e.M01, e.M02, e.M10, e.M11, e.M12, e.M20, e.M21, e.M22, expected.Origin.X, expected.Origin.Y, expected.Origin.Z];
            double[] actualValues = [a.M00, a.M01, a.M02, a.M10, a.M11, a.M12, a.M20, a.M21, a.M22, actual.Origin.X, actual.Origin.Y, actual.Origin.Z];
            for (var i = 0; i < expectedValues.Length; i++)
            {
                Assert.Equal(expectedValues[i], actualValues[i], 1e-14);
            }
        }
    }
}
