using ArmRnn.OpenSim.Engine.Muscles;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Muscles;

/// <summary>The curves of <see cref="ThelenMuscle"/> at points where their values are known analytically.</summary>
public sealed class ThelenMuscleCurveTests
{
    public static TheoryData<string> Muscles => new() { "default", "TRIlong", "BIClong", "BRA" };

    [Theory]
    [MemberData(nameof(Muscles))]
    public void Active_force_length_is_a_unit_Gaussian_about_optimal_length(string name)
    {
        ThelenMuscle m = Create(name);
        double k = m.Parameters.KshapeActive;
        Assert.Equal(1.0, m.ActiveForceLengthMultiplier(1.0));
        Assert.Equal(0.0, m.ActiveForceLengthMultiplierDerivative(1.0));
        Assert.Equal(Math.Exp(-0.25 / k), m.ActiveForceLengthMultiplier(1.5), 15);
        Assert.Equal(m.ActiveForceLengthMultiplier(0.7), m.ActiveForceLengthMultiplier(1.3), 15);
        AssertDerivative(m.ActiveForceLengthMultiplier, m.ActiveForceLengthMultiplierDerivative, 0.4, 1.8);
    }

    [Theory]
    [MemberData(nameof(Muscles))]
    public void Passive_force_length_is_zero_up_to_optimal_length_and_one_at_FmaxMuscleStrain(string name)
    {
        ThelenMuscle m = Create(name);
        double e0 = m.Parameters.FmaxMuscleStrain;
        Assert.Equal(0.0, m.PassiveForceLengthMultiplier(0.5));
        Assert.Equal(0.0, m.PassiveForceLengthMultiplier(1.0));
        Assert.Equal(0.0, m.PassiveForceLengthMultiplierDerivative(1.0));
        Assert.Equal(1.0, m.PassiveForceLengthMultiplier(1.0 + e0), 14);
        Assert.True(m.PassiveForceLengthMultiplier(Math.BitIncrement(1.0)) < 1e-14);
        AssertDerivative(m.PassiveForceLengthMultiplier, m.PassiveForceLengthMultiplierDerivative, 1.01, 1.8);
    }

    [Theory]
    [MemberData(nameof(Muscles))]
    public void Tendon_force_is_zero_when_slack_one_at_FmaxTendonStrain_with_a_smooth_toe(string name)
    {
        ThelenMuscle m = Create(name);
        double e0 = m.Parameters.FmaxTendonStrain;
        double eToe = m.TendonToeStrain;

        // OpenSim's exact toe strain, which the paper rounds to 0.609 e0.
        Assert.Equal(99.0 * e0 * Math.Exp(3.0) / (166.0 * Math.Exp(3.0) - 67.0), eToe, 1e-15);
        Assert.Equal(0.609, eToe / e0, 3);

        Assert.Equal(0.0, m.TendonForceLengthMultiplier(0.95));
        Assert.Equal(0.0, m.TendonForceLengthMultiplier(1.0));
        Assert.Equal(1.0, m.TendonForceLengthMultiplier(1.0 + e0), 14);

        // The toe ends at 0.33 and the curve is continuously differentiable there.
        double below = m.TendonForceLengthMultiplier(1.0 + eToe);
        double above = m.TendonForceLengthMultiplier(Math.BitIncrement(1.0 + eToe));
        Assert.Equal(0.33, below, 1e-13);
        Assert.Equal(0.33, above, 1e-13);
        Assert.Equal(m.TendonLinearStiffness, m.TendonForceLengthMultiplierDerivative(1.0 + eToe), 10);
        Assert.Equal(m.TendonLinearStiffness, m.TendonForceLengthMultiplierDerivative(1.0 + 1.5 * eToe));
        Assert.Equal(0.67 / (e0 - eToe), m.TendonLinearStiffness, 12);
        AssertDerivative(m.TendonForceLengthMultiplier, m.TendonForceLengthMultiplierDerivative, 1.0 + 0.01 * e0, 1.0 + 2.0 * e0);
    }

    [Theory]
    [MemberData(nameof(Muscles))]
    public void Force_velocity_inverse_has_Thelens_fixed_points(string name)
    {
        ThelenMuscle m = Create(name);
        foreach (double a in new[] { 0.01, 0.3, 1.0 })
        {
            foreach (double fal in new[] { 0.2, 1.0 })
            {
                double afl = a * fal;
                double c = 0.25 + 0.75 * a;

                // Isometric at the isometric force; maximum shortening speed (c) at zero force.
                Assert.Equal(0.0, m.ForceVelocityInverse(a, fal, afl));
                Assert.Equal(-c, m.ForceVelocityInverse(a, fal, 0.0), 15);
                Assert.Equal(-c, m.ForceVelocityInverse(a, fal, 1e-13 * afl), 10);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Muscles))]
    public void Force_velocity_inverse_is_continuous_with_a_continuous_slope_at_the_extrapolation_thresholds(string name)
    {
        ThelenMuscle m = Create(name);
        double flen = m.Parameters.Flen;
        double threshold = m.Parameters.FvLinearExtrapThreshold;
        foreach (double a in new[] { 0.01, 0.3, 1.0 })
        {
            foreach (double fal in new[] { 0.2, 1.0 })
            {
                double afl = a * fal;
                foreach (double edge in new[] { 0.0, threshold * flen * afl })
                {
                    double atEdge = m.ForceVelocityInverse(a, fal, edge);
                    double inside = m.ForceVelocityInverse(a, fal, edge == 0.0 ? double.Epsilon : Math.BitDecrement(edge));
                    Assert.Equal(atEdge, inside, 1e-9 * Math.Max(1.0, Math.Abs(atEdge)));

                    double h = 1e-6 * afl;
                    double slopeOutside = edge == 0.0
                        ? (atEdge - m.ForceVelocityInverse(a, fal, edge - h)) / h
                        : (m.ForceVelocityInverse(a, fal, edge + h) - atEdge) / h;
                    double slopeInside = edge == 0.0
                        ? (m.ForceVelocityInverse(a, fal, edge + h) - atEdge) / h
                        : (atEdge - m.ForceVelocityInverse(a, fal, edge - h)) / h;
                    Assert.Equal(1.0, slopeInside / slopeOutside, 4);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Muscles))]
    public void Force_velocity_inverse_is_increasing_and_inverted_exactly_by_the_force_velocity_multiplier(string name)
    {
        ThelenMuscle m = Create(name);
        double fEnd = m.Parameters.FvLinearExtrapThreshold * m.Parameters.Flen;
        foreach (double a in new[] { 0.01, 0.05, 0.3, 0.7, 1.0 })
        {
            foreach (double fal in new[] { 0.05, 0.5, 1.0 })
            {
                double afl = a * fal;
                double previous = double.NegativeInfinity;
                for (int i = 0; i <= 400; i++)
                {
                    double fv = -0.5 + (fEnd + 1.0) * i / 400.0;
                    double v = m.ForceVelocityInverse(a, fal, fv * afl);
                    Assert.True(v > previous, $"a {a} fal {fal} fv {fv}: not increasing");
                    previous = v;

                    // OpenSim's calcfvInv floors the multiplier at 0.
                    Assert.Equal(Math.Max(0.0, fv), m.ForceVelocityMultiplier(a, v), 1e-12);
                }
            }
        }

        Assert.Equal(1.0, m.ForceVelocityMultiplier(0.5, 0.0));
    }

    [Fact]
    public void Pennation_angle_follows_the_fixed_width_parallelogram_and_stops_at_its_maximum()
    {
        ThelenMuscle m = Create("TRIlong");
        double h = m.OptimalFiberLength * Math.Sin(m.PennationAngleAtOptimal);
        Assert.Equal(h, m.ParallelogramHeight, 1e-15);
        Assert.Equal(m.PennationAngleAtOptimal, m.PennationAngle(m.OptimalFiberLength), 12);
        Assert.Equal(Math.Asin(h / 0.2), m.PennationAngle(0.2), 15);
        Assert.Equal(h / Math.Sin(Math.Acos(0.1)), m.MinimumFiberLength, 1e-15);
        Assert.Equal(Math.Acos(0.1), m.PennationAngle(m.MinimumFiberLength));
        Assert.Equal(Math.Acos(0.1), m.PennationAngle(0.5 * m.MinimumFiberLength));

        ThelenMuscle straight = Create("BIClong");
        Assert.Equal(0.0, straight.MinimumFiberLength);
        Assert.Equal(0.0, straight.PennationAngle(0.1));
    }

    private static ThelenMuscle Create(string name) =>
        new(name == "default" ? new ThelenMuscleParameters() : Arm26Muscles.Parameters[name]);

    private static void AssertDerivative(Func<double, double> f, Func<double, double> derivative, double from, double to)
    {
        for (int i = 0; i <= 50; i++)
        {
            double x = from + (to - from) * i / 50.0;
            double h = 1e-6;
            double numeric = (f(x + h) - f(x - h)) / (2.0 * h);
            Assert.Equal(numeric, derivative(x), 1e-6 * Math.Max(1.0, Math.Abs(numeric)));
        }
    }
}
