using ArmRnn.Excitation;
using ArmRnn.Plants;
using ArmRnn.Randomness;

namespace ArmRnn.Core.Tests.Plants;

public class PointMassPlantTests
{
    private static readonly PointMassPlantOptions Defaults = new();

    [Fact]
    public void Constant_excitation_matches_the_closed_form_solution()
    {
        var plant = new PointMassPlant(0.01);
        var n = plant.Layout.Count;
        double[] excitation = [0.8, 0.1, 0.0, 0.3, 0.6, 0.2];
        double[] start = [0.02, -0.01, 0.1, -0.05, 0.5, 0.0, 0.2, 0.1, 0.9, 0.3];
        var state = new double[n];
        plant.Reset(start, state);

        // Net force per axis: F Σ cos/sin(θk) a_k(t), a_k(t) = e_k + (a0_k - e_k) e^{-t/τ} → P + Q e^{-t/τ}.
        double px = 0, qx = 0, py = 0, qy = 0;
        for (var k = 0; k < 6; k++)
        {
            var (ux, uy) = plant.PullDirection(k);
            px += Defaults.MaxForce * ux * excitation[k];
            qx += Defaults.MaxForce * ux * (start[4 + k] - excitation[k]);
            py += Defaults.MaxForce * uy * excitation[k];
            qy += Defaults.MaxForce * uy * (start[4 + k] - excitation[k]);
        }

        for (var step = 1; step <= 150; step++)
        {
            plant.Step(excitation, state);
            var t = step * 0.01;
            var (x, vx) = PointMassAnalytic.Solve(Defaults.Mass, Defaults.Damping, Defaults.Stiffness, Defaults.ActivationTimeConstant, px, qx, start[0], start[2], t);
            var (y, vy) = PointMassAnalytic.Solve(Defaults.Mass, Defaults.Damping, Defaults.Stiffness, Defaults.ActivationTimeConstant, py, qy, start[1], start[3], t);
            // The discretisation is exact, so only rounding separates the two: positions are O(0.1 m) and 150 steps
            // of a 10x10 matrix product accumulate well under 1e-12 m of rounding error.
            Assert.Equal(x, state[0], 1e-12);
            Assert.Equal(y, state[1], 1e-12);
            Assert.Equal(vx, state[2], 1e-11);
            Assert.Equal(vy, state[3], 1e-11);
            for (var k = 0; k < 6; k++)
            {
                var a = excitation[k] + ((start[4 + k] - excitation[k]) * Math.Exp(-t / Defaults.ActivationTimeConstant));
                Assert.Equal(a, state[4 + k], 1e-13);
            }
        }

        Assert.Equal(1.5, plant.Time, 12);
    }

    [Fact]
    public void Balanced_cocontraction_holds_the_mass_still_at_the_origin()
    {
        // Six muscles at 60° spacing cancel exactly when equally active: a conservation check of the force model.
        var plant = new PointMassPlant();
        var state = new double[plant.Layout.Count];
        var start = new double[plant.Layout.Count];
        Array.Fill(start, 0.5, 4, 6);
        plant.Reset(start, state);
        var excitation = Enumerable.Repeat(0.5, 6).ToArray();
        for (var i = 0; i < 200; i++)
        {
            plant.Step(excitation, state);
        }

        // Tolerance: cos/sin of multiples of 60° cancel to ~1e-16 N; 2 s of dynamics keeps drift below 1e-14 m.
        Assert.InRange(Math.Abs(state[0]) + Math.Abs(state[1]), 0, 1e-14);
    }

    [Fact]
    public void Steady_state_position_is_force_over_stiffness()
    {
        var plant = new PointMassPlant();
        var state = new double[plant.Layout.Count];
        plant.Reset(new double[plant.Layout.Count], state);
        double[] excitation = [1, 0, 0, 0, 0, 0];
        for (var i = 0; i < 1000; i++)
        {
            plant.Step(excitation, state);
        }

        // After 10 s the transients (decay rate c/2m = 4 /s) are e^-40 ≈ 4e-18 of their size.
        Assert.Equal(Defaults.MaxForce / Defaults.Stiffness, state[0], 12);
        Assert.Equal(0, state[1], 12);
    }

    [Fact]
    public void Out_of_range_excitation_is_rejected_with_arm_muscle_and_time()
    {
        var plant = new PointMassPlant();
        var state = new double[2 * plant.Layout.Count];
        plant.Reset(new double[2 * plant.Layout.Count], state);
        var excitation = new double[12];
        plant.Step(excitation, state);
        excitation[6 + 2] = 1.5;
        var error = Assert.Throws<ExcitationOutOfRangeException>(() => plant.Step(excitation, state));
        Assert.Equal(1, error.Arm);
        Assert.Equal("muscle_2", error.Muscle);
        Assert.Equal(0.01, error.Time, 12);
        Assert.Contains("muscle_2", error.Message, StringComparison.Ordinal);
        Assert.Contains("arm 1", error.Message, StringComparison.Ordinal);

        excitation[8] = double.NaN;
        Assert.Throws<ExcitationOutOfRangeException>(() => plant.Step(excitation, state));
    }

    [Fact]
    public void Clamp_policy_clamps_finite_values_but_still_rejects_nan()
    {
        var clamping = new PointMassPlant(0.01, new PointMassPlantOptions { ExcitationRangePolicy = ExcitationRangePolicy.Clamp });
        var reference = new PointMassPlant(0.01);
        var n = clamping.Layout.Count;
        var a = new double[n];
        var b = new double[n];
        clamping.Reset(new double[n], a);
        reference.Reset(new double[n], b);
        clamping.Step([2.0, -1.0, 0.5, 0, 0, 0], a);
        reference.Step([1.0, 0.0, 0.5, 0, 0, 0], b);
        Assert.Equal(b, a);
        Assert.Throws<ExcitationOutOfRangeException>(() => clamping.Step([double.PositiveInfinity, 0, 0, 0, 0, 0], a));
    }

    [Fact]
    public void Invalid_options_name_the_option_and_value()
    {
        var error = Assert.Throws<ArgumentException>(() => new PointMassPlant(0.01, new PointMassPlantOptions { Mass = -1 }));
        Assert.Contains("Mass", error.Message, StringComparison.Ordinal);
        Assert.Contains("-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_rejects_bad_states_naming_arm_and_channel()
    {
        var plant = new PointMassPlant();
        var n = plant.Layout.Count;
        var requested = new double[2 * n];
        requested[n + 5] = 1.2;
        var error = Assert.Throws<ArgumentException>(() => plant.Reset(requested, new double[2 * n]));
        Assert.Contains("arm 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("muscle_1/activation", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => plant.Reset(new double[n + 1], new double[n + 1]));
    }

    [Fact]
    public void Sampled_initial_states_are_at_rest_inside_the_disc_and_reproducible()
    {
        var plant = new PointMassPlant();
        var n = plant.Layout.Count;
        var a = new double[50 * n];
        var b = new double[50 * n];
        plant.SampleInitialStates(new DeterministicRandom(7), a);
        plant.SampleInitialStates(new DeterministicRandom(7), b);
        Assert.Equal(a, b);
        for (var arm = 0; arm < 50; arm++)
        {
            var radius = Math.Sqrt((a[arm * n] * a[arm * n]) + (a[(arm * n) + 1] * a[(arm * n) + 1]));
            Assert.InRange(radius, 0, Defaults.InitialPositionRadius);
            Assert.Equal(0, a[(arm * n) + 2]);
            Assert.Equal(0, a[(arm * n) + 3]);
        }
    }

    [Fact]
    public void Step_does_not_allocate()
    {
        var plant = new PointMassPlant();
        var n = plant.Layout.Count;
        var state = new double[128 * n];
        plant.Reset(new double[128 * n], state);
        var excitation = new double[128 * 6];
        Array.Fill(excitation, 0.3);
        plant.Step(excitation, state);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            plant.Step(excitation, state);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
