using ArmRnn.OpenSim.Engine.Muscles;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Muscles;

/// <summary><see cref="ThelenMuscle.Compute"/>, <see cref="ThelenMuscle.ActivationDerivative"/> and construction.</summary>
public sealed class ThelenMuscleComputeTests
{
    [Fact]
    public void Outputs_are_OpenSims_definitions()
    {
        ThelenMuscle m = new(Arm26Muscles.Parameters["TRIlong"]);
        MuscleDynamicsResult r = m.Compute(0.4, 0.15, 0.293);
        double fiso = m.MaxIsometricForce;
        double lceN = 0.15 / m.OptimalFiberLength;
        Assert.False(r.IsFiberStateClamped);
        Assert.Equal(0.4, r.Activation);
        Assert.Equal(0.15, r.FiberLength);
        Assert.Equal(lceN, r.NormalizedFiberLength, 15);
        Assert.Equal(Math.Asin(m.ParallelogramHeight / 0.15), r.PennationAngle, 15);
        Assert.Equal(0.293 - 0.15 * r.CosPennationAngle, r.TendonLength, 15);
        Assert.Equal(r.TendonLength / m.TendonSlackLength - 1.0, r.TendonStrain, 15);
        Assert.Equal(m.TendonForceLengthMultiplier(r.NormalizedTendonLength) * fiso, r.TendonForce, 1e-12 * r.TendonForce);

        // Passive fiber force: along the fiber (no cos(phi)), no damping.
        Assert.Equal(m.PassiveForceLengthMultiplier(lceN) * fiso, r.PassiveFiberForce, 12);
        Assert.Equal(r.Activation * r.ActiveForceLengthMultiplier * r.ForceVelocityMultiplier * fiso, r.ActiveFiberForce, 10);

        // The fiber is in equilibrium with the tendon, and its velocity is the force-velocity inverse of its active force.
        Assert.Equal(r.TendonForce, (r.ActiveFiberForce + r.PassiveFiberForce) * r.CosPennationAngle, 9);
        Assert.Equal(r.TendonForce, r.FiberForceAlongTendon, 9);
        double dlceN = m.ForceVelocityInverse(0.4, r.ActiveForceLengthMultiplier, r.ActiveFiberForce / fiso);
        Assert.Equal(dlceN, r.NormalizedFiberVelocity, 1e-12 * Math.Abs(dlceN));
        Assert.Equal(dlceN * m.MaxContractionVelocity * m.OptimalFiberLength, r.FiberVelocity, 1e-12 * Math.Abs(r.FiberVelocity));
        Assert.InRange(r.NormalizedFiberVelocity, -1.0, 1.0);

        // Fixed-width pennation: the parallelogram height is constant, so d(lce sin(phi))/dt = 0.
        double heightRate = r.FiberVelocity * Math.Sin(r.PennationAngle) + 0.15 * r.CosPennationAngle * r.PennationAngularVelocity;
        Assert.Equal(0.0, heightRate, 14);
    }

    [Fact]
    public void Activation_is_clamped_where_it_is_used()
    {
        ThelenMuscle m = new(Arm26Muscles.Parameters["BIClong"]);
        Assert.Equal(0.01, m.Compute(-0.3, 0.12, 0.40).Activation);
        Assert.Equal(0.01, m.Compute(0.0, 0.12, 0.40).Activation);
        Assert.Equal(1.0, m.Compute(1.7, 0.12, 0.40).Activation);
        Assert.Equal(m.Compute(0.01, 0.12, 0.40).FiberVelocity, m.Compute(-0.3, 0.12, 0.40).FiberVelocity);
    }

    [Fact]
    public void A_fiber_at_its_minimum_length_that_would_shorten_is_held()
    {
        ThelenMuscle m = new(Arm26Muscles.Parameters["TRIlong"]);
        double below = 0.5 * m.MinimumFiberLength;

        // Slack tendon: no force to balance the active fiber, which would shorten.
        MuscleDynamicsResult r = m.Compute(0.5, below, m.TendonSlackLength);
        Assert.True(r.IsFiberStateClamped);
        Assert.Equal(m.MinimumFiberLength, r.FiberLength);
        Assert.Equal(m.MaximumPennationAngle, r.PennationAngle);
        Assert.Equal(0.0, r.FiberVelocity);
        Assert.Equal(0.0, r.NormalizedFiberVelocity);
        Assert.Equal(0.0, r.PennationAngularVelocity);
        Assert.Equal(1.0, r.ForceVelocityMultiplier);
        Assert.Equal(0.0, r.ActiveFiberForce);
        Assert.Equal(0.0, r.FiberForce);

        // Stretched tendon: the fiber is pulled longer, so it is released.
        MuscleDynamicsResult pulled = m.Compute(0.05, below, m.TendonSlackLength * 1.03 + m.MinimumFiberLengthAlongTendon);
        Assert.False(pulled.IsFiberStateClamped);
        Assert.True(pulled.FiberVelocity > 0);

        // Just above the minimum the fiber is free, even when shortening.
        MuscleDynamicsResult free = m.Compute(0.5, m.MinimumFiberLength * 1.001, m.TendonSlackLength);
        Assert.False(free.IsFiberStateClamped);
        Assert.True(free.FiberVelocity < 0);
    }

    [Fact]
    public void Activation_derivative_is_OpenSims_first_order_model()
    {
        ThelenMuscle m = new(Arm26Muscles.Parameters["BRA"]);
        double tauA = m.Parameters.ActivationTimeConstant;
        double tauD = m.Parameters.DeactivationTimeConstant;

        Assert.Equal((0.8 - 0.3) / (tauA * (0.5 + 1.5 * 0.3)), m.ActivationDerivative(0.8, 0.3), 12);
        Assert.Equal((0.1 - 0.3) * (0.5 + 1.5 * 0.3) / tauD, m.ActivationDerivative(0.1, 0.3), 12);
        Assert.Equal(0.0, m.ActivationDerivative(0.3, 0.3));

        // The activation is clamped to [0.01, 1] ...
        Assert.Equal(m.ActivationDerivative(0.5, 0.01), m.ActivationDerivative(0.5, -0.2));
        Assert.Equal(m.ActivationDerivative(0.5, 1.0), m.ActivationDerivative(0.5, 1.3));

        // ... the excitation is not: below the minimum it still pulls the activation state down.
        Assert.Equal((0.0 - 0.01) * (0.5 + 1.5 * 0.01) / tauD, m.ActivationDerivative(0.0, 0.01), 12);
        Assert.True(m.ActivationDerivative(0.0, -0.05) < 0);
    }

    [Fact]
    public void Inner_loop_methods_do_not_allocate()
    {
        ThelenMuscle m = new(Arm26Muscles.Parameters["TRIlong"]);
        double sink = Run(m);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sink += Run(m);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sink));

        static double Run(ThelenMuscle m)
        {
            double s = 0;
            for (int i = 0; i < 1000; i++)
            {
                double x = i / 1000.0;
                s += m.ActivationDerivative(x, 0.3);
                s += m.Compute(x, 0.1 + 0.05 * x, 0.28 + 0.01 * x).FiberVelocity;
                s += m.ForceVelocityMultiplier(0.3, x - 0.5);
                s += m.SolveEquilibrium(x, 0.28 + 0.01 * x, 0.1 * (x - 0.5)).FiberLength;
            }

            return s;
        }
    }

    [Fact]
    public void Construction_rejects_what_OpenSim_rejects()
    {
        var ok = new ThelenMuscleParameters();
        _ = new ThelenMuscle(ok);
        Assert.Throws<ArgumentNullException>(() => new ThelenMuscle(null!));
        Assert.Throws<ArgumentException>(() => new ThelenMuscle(ok with { Flen = 1.0 }));
        Assert.Throws<ArgumentException>(() => new ThelenMuscle(ok with { FvLinearExtrapThreshold = 0.5 }));
        Assert.Throws<ArgumentException>(() => new ThelenMuscle(ok with { MinimumActivation = 0.005 }));
        Assert.Throws<ArgumentException>(() => new ThelenMuscle(ok with { FmaxTendonStrain = 0.0 }));
        Assert.Throws<ArgumentException>(() => new ThelenMuscle(ok with { OptimalFiberLength = 0.0 }));
        Assert.Throws<ArgumentException>(() => new ThelenMuscle(ok with { PennationAngleAtOptimal = Math.PI / 2 }));
        Assert.Throws<ArgumentException>(() => new ThelenMuscle(ok with { ActivationTimeConstant = 0.0 }));
        Assert.Throws<ArgumentException>(() => new ThelenMuscle(ok with { IgnoreTendonCompliance = true }));
        Assert.Throws<ArgumentException>(() => new ThelenMuscle(ok with { IgnoreActivationDynamics = true }));
    }

    [Fact]
    public void Class_defaults_give_the_one_percent_minimum_only_without_a_maximum_pennation_angle()
    {
        var p = new ThelenMuscleParameters();
        Assert.Equal(0.0, new ThelenMuscle(p).MinimumFiberLength);
        Assert.Equal(0.01 * p.OptimalFiberLength, new ThelenMuscle(p with { MaximumPennationAngle = 0.0 }).MinimumFiberLength, 1e-15);
    }
    [Theory]
    [InlineData("TRIlong", 0.4, 0.15, 0.293)]
    [InlineData("BIClong", 0.02, 0.12, 0.40)]
    [InlineData("BRA", 1.0, 0.05, 0.22)]
    [InlineData("TRIlat", 0.7, 0.001, 0.20)] // below the minimum fiber length: clamped
    public void The_integrators_shortcut_returns_Computes_tendon_force_and_fiber_velocity_bit_for_bit(string muscle, double activation, double fiber, double pathLength)
    {
        // ArmDynamics calls ComputeTendonForce in the integrator; the outputs come from Compute. They must not drift
        // apart, so equality is exact.
        ThelenMuscle m = new(Arm26Muscles.Parameters[muscle]);
        MuscleDynamicsResult full = m.Compute(activation, fiber, pathLength);
        double tendonForce = m.ComputeTendonForce(activation, fiber, pathLength, out double fiberVelocity);
        Assert.Equal(full.TendonForce, tendonForce);
        Assert.Equal(full.FiberVelocity, fiberVelocity);
    }

    [Fact]
    public void Pennation_cosine_without_inverse_trigonometry_matches_the_angle()
    {
        // cos(phi) comes from sqrt(1 - sin²(phi)); against cos(asin(h / lce)) it may differ by rounding only
        // (a few ulp of a number below 1: 1e-15), over fiber lengths from the minimum (maximum pennation) to 2 optimal.
        ThelenMuscle m = new(new ThelenMuscleParameters { PennationAngleAtOptimal = 0.5 });
        for (double lce = 0.5 * m.MinimumFiberLength; lce < 2.0 * m.OptimalFiberLength; lce += 0.001)
        {
            MuscleDynamicsResult r = m.Compute(0.5, lce, m.TendonSlackLength * 1.02 + lce);
            Assert.Equal(Math.Cos(m.PennationAngle(Math.Max(lce, m.MinimumFiberLength))), r.CosPennationAngle, 1e-15);
        }
    }
}
