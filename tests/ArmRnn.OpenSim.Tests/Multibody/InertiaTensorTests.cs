using ArmRnn.Geometry;
using ArmRnn.OpenSim.Engine;
using ArmRnn.OpenSim.Engine.Multibody;

namespace ArmRnn.OpenSim.Tests.Multibody;

/// <summary><see cref="InertiaTensor.RotatedBy"/>: the tensor in ground axes.</summary>
public sealed class InertiaTensorTests
{
    [Fact]
    public void Rotated_tensor_acts_on_a_vector_as_rotating_in_applying_and_rotating_out()
    {
        // Reference: R (I (Rᵀ w)), the way the body-frame tensor is applied to a ground-frame vector. Entries of order
        // 0.01-0.02 kg m² and vectors of order 1: agreement to 1e-16 absolute is rounding.
        var random = new Random(3);
        var inertia = new InertiaTensor(0.019281, 0.001571, 0.020062, 0.0012, -0.0007, 0.0003);
        for (var trial = 0; trial < 100; trial++)
        {
            var r = Rotation3.FromBodyFixedXyz(new Point3(6 * random.NextDouble(), 6 * random.NextDouble(), 6 * random.NextDouble()));
            var w = new Point3(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5);
            var expected = r * inertia.Times(r.TransposeTimes(w));
            var actual = inertia.RotatedBy(r).Times(w);
            Assert.Equal(expected.X, actual.X, 1e-16);
            Assert.Equal(expected.Y, actual.Y, 1e-16);
            Assert.Equal(expected.Z, actual.Z, 1e-16);
        }
    }
}
