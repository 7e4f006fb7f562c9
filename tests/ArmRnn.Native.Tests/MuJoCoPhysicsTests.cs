using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Native.Tests.TestSupport;
using ArmRnn.OpenSim.Native;
using ArmRnn.Randomness;

namespace ArmRnn.Native.Tests;

/// <summary>The MuJoCo engine against physics: rest, first-order muscle activation, a flexor flexing its joint.</summary>
public sealed class MuJoCoPhysicsTests
{
    [MuJoCoFact]
    public void A_passive_arm_with_gravity_along_its_joint_axes_stays_at_rest()
    {
        // Gravity is parallel to both hinge axes, so it exerts no torque about them.
        var gravity = MuJoCoArm.Gravity();
        var axis = MuJoCoArm.DefaultJointAxis();
        double[] cross = [(gravity[1] * axis[2]) - (gravity[2] * axis[1]), (gravity[2] * axis[0]) - (gravity[0] * axis[2]), (gravity[0] * axis[1]) - (gravity[1] * axis[0])];
        Assert.All(cross, c => Assert.Equal(0, c));

        using var plant = MuJoCoArm.Open();
        var layout = plant.Layout;
        var start = plant.DefaultState;
        start[layout.IndexOf("qpos/shoulder")] = 1.0;
        start[layout.IndexOf("qpos/elbow")] = 1.0;
        var states = new double[layout.Count];
        plant.Reset(start, states);
        // In this posture no muscle is stretched beyond its passive threshold: at zero activation every muscle force
        // is zero. With no torque at all and zero speed the arm must not move (damping acts on speed only).
        foreach (var muscle in plant.ExcitationNames)
        {
            Assert.Equal(0, states[layout.IndexOf($"actuator_force/{muscle}")]);
        }

        var excitations = new double[plant.ExcitationNames.Count];
        for (var step = 0; step < 100; step++)
        {
            plant.Step(excitations, states);
        }

        // One simulated second: exactly at rest (tolerance 1e-12 rad, round-off only).
        Assert.Equal(1.0, states[layout.IndexOf("qpos/shoulder")], 1e-12);
        Assert.Equal(1.0, states[layout.IndexOf("qpos/elbow")], 1e-12);
        Assert.Equal(0, states[layout.IndexOf("qvel/shoulder")], 1e-12);
        Assert.Equal(0, states[layout.IndexOf("qvel/elbow")], 1e-12);
        Assert.Equal(1.0, plant.Time, 12);

        // The control: at q = 0 the shoulder flexor SF is stretched and pulls passively, and the same check sees the
        // arm move.
        start[layout.IndexOf("qpos/shoulder")] = 0;
        start[layout.IndexOf("qpos/elbow")] = 0;
        plant.Reset(start, states);
        Assert.True(states[layout.IndexOf("actuator_force/SF")] < -0.1, $"SF passive force {states[layout.IndexOf("actuator_force/SF")]} N");
        for (var step = 0; step < 100; step++)
        {
            plant.Step(excitations, states);
        }

        Assert.True(Math.Abs(states[layout.IndexOf("qpos/shoulder")]) > 1e-3, "the passively pulled arm should move");
    }

    [MuJoCoFact]
    public void Activation_follows_MuJoCos_first_order_dynamics_with_separate_rise_and_fall_time_constants()
    {
        // MuJoCo 2.2 muscle activation (documented in its Modeling chapter, "Muscles"):
        //   da/dt = (u - a) / tau,  tau = tau_act (0.5 + 1.5 a) when u > a, tau_deact / (0.5 + 1.5 a) otherwise.
        // Its exact solution (ActivationSolution) is the reference. MuJoCo integrates it with Euler steps, so the
        // engine runs at a 1 µs timestep here (the model's 5 ms is as long as the shortest time constant).
        const double h = 1e-6;
        var (tauAct, tauDeact) = MuJoCoArm.MuscleTimeConstants("EF");
        using var plant = MuJoCoArm.Open(integrationStep: h);
        var layout = plant.Layout;
        var ef = layout.IndexOf("act/EF");
        var bf = layout.IndexOf("act/BF");
        var start = plant.DefaultState;
        start[layout.IndexOf("qpos/shoulder")] = 1.0;
        start[layout.IndexOf("qpos/elbow")] = 1.0;
        start[bf] = 0.6;
        var states = new double[layout.Count];
        plant.Reset(start, states);

        // EF rises from 0 under full excitation for 30 ms, then falls for 50 ms; BF falls from 0.6 throughout.
        // Euler's global error on this contracting equation is below h * max|da/dt| = h / (0.5 tau_act).
        var tolerance = h / (0.5 * tauAct);
        var riseEnd = 0.03;
        var efAtRiseEnd = ActivationSolution.Rise(0, 1, riseEnd, tauAct);
        for (var step = 1; step <= 8; step++)
        {
            var t = step * plant.Dt;
            double[] excitations = [0, 0, t <= riseEnd + 1e-12 ? 1 : 0, 0, 0, 0];
            plant.Step(excitations, states);
            var expectedEf = t <= riseEnd + 1e-12 ? ActivationSolution.Rise(0, 1, t, tauAct) : ActivationSolution.FallToZero(efAtRiseEnd, t - riseEnd, tauDeact);
            Assert.True(Math.Abs(states[ef] - expectedEf) <= tolerance, $"t = {t}: EF activation {states[ef]:R}, expected {expectedEf:R} (tolerance {tolerance})");
            var expectedBf = ActivationSolution.FallToZero(0.6, t, tauDeact);
            Assert.True(Math.Abs(states[bf] - expectedBf) <= tolerance, $"t = {t}: BF activation {states[bf]:R}, expected {expectedBf:R}");
        }
    }

    [MuJoCoFact]
    public void A_step_excitation_of_the_elbow_flexor_flexes_the_elbow()
    {
        using var plant = MuJoCoArm.Open();
        var layout = plant.Layout;
        var start = plant.DefaultState;
        start[layout.IndexOf("qpos/shoulder")] = 1.0;
        start[layout.IndexOf("qpos/elbow")] = 1.0;
        var states = new double[layout.Count];
        plant.Reset(start, states);
        var elbow = layout.IndexOf("qpos/elbow");
        var tendon = layout.IndexOf("ten_length/EF");
        var previousElbow = states[elbow];
        var previousTendon = states[tendon];
        double[] excitations = [0, 0, 1, 0, 0, 0];
        for (var step = 0; step < 20; step++)
        {
            plant.Step(excitations, states);
            // A muscle pulls (MuJoCo's muscle forces are negative), its path shortens, and the joint it crosses turns
            // towards flexion (positive elbow angle, about +z).
            Assert.True(states[layout.IndexOf("actuator_force/EF")] < 0);
            Assert.True(states[elbow] > previousElbow, $"step {step}: elbow {states[elbow]} did not increase from {previousElbow}");
            Assert.True(states[tendon] < previousTendon, $"step {step}: EF tendon {states[tendon]} did not shorten from {previousTendon}");
            previousElbow = states[elbow];
            previousTendon = states[tendon];
        }

        Assert.True(states[elbow] > 1.5, $"after 0.2 s of full EF excitation the elbow is at {states[elbow]} rad");
    }

    [MuJoCoFact]
    public void Arm_b_of_a_batch_is_the_same_arm_run_alone()
    {
        using var batchPlant = MuJoCoArm.Open();
        var c = batchPlant.Layout.Count;
        const int arms = 3;
        var start = new double[arms * c];
        batchPlant.SampleInitialStates(new DeterministicRandom(7), start);
        var excitations = ExcitationSequence(arms, steps: 30);

        var batchStates = new double[arms * c];
        batchPlant.Reset(start, batchStates);
        var batchTrajectory = new double[30][];
        for (var step = 0; step < 30; step++)
        {
            batchPlant.Step(excitations[step], batchStates);
            batchTrajectory[step] = (double[])batchStates.Clone();
        }

        for (var b = 0; b < arms; b++)
        {
            using var single = MuJoCoArm.Open();
            var states = new double[c];
            single.Reset(start.AsSpan(b * c, c), states);
            for (var step = 0; step < 30; step++)
            {
                single.Step(excitations[step].AsSpan(b * 6, 6), states);
                Assert.Equal(batchTrajectory[step].AsSpan(b * c, c).ToArray(), states);
            }
        }
    }

    [MuJoCoFact]
    public void Sampled_initial_states_lie_in_the_centre_of_the_joint_ranges_and_repeat_with_the_seed()
    {
        using var plant = MuJoCoArm.Open();
        var c = plant.Layout.Count;
        var first = new double[16 * c];
        var second = new double[16 * c];
        plant.SampleInitialStates(new DeterministicRandom(3), first);
        plant.SampleInitialStates(new DeterministicRandom(3), second);
        Assert.Equal(first, second);
        var range = 120 * Math.PI / 180; // range="0 120" (degrees) in the XML's joint default
        for (var b = 0; b < 16; b++)
        {
            foreach (var joint in MuJoCoArm.JointNames())
            {
                var q = first[(b * c) + plant.Layout.IndexOf($"qpos/{joint}")];
                Assert.InRange(q, 0.1 * range, 0.9 * range);
            }

            Assert.Equal(0.05, first[(b * c) + plant.Layout.IndexOf("act/EF")]);
        }
    }

    [MuJoCoFact]
    public void Sampled_initial_postures_centre_on_the_given_posture_and_unknown_joints_are_named()
    {
        var joints = MuJoCoArm.JointNames();
        var posture = new Dictionary<string, double> { [$"qpos/{joints[0]}"] = 0.3 };
        using var plant = new NativePlant(new NativePlantOptions
        {
            Engine = NativeEngine.MuJoCo,
            ModelPath = MuJoCoArm.ModelPath,
            InitialPosture = posture,
            InitialPostureRangeFraction = 0.1,
        });
        var c = plant.Layout.Count;
        var states = new double[64 * c];
        plant.SampleInitialStates(new DeterministicRandom(5), states);
        var range = 120 * Math.PI / 180; // range="0 120" (degrees) in the XML's joint default
        var given = Enumerable.Range(0, 64).Select(b => states[(b * c) + plant.Layout.IndexOf($"qpos/{joints[0]}")]).ToArray();
        var centred = Enumerable.Range(0, 64).Select(b => states[(b * c) + plant.Layout.IndexOf($"qpos/{joints[1]}")]).ToArray();
        // Uniform within +-5% of the range around the given angle (0.3 rad) and around the middle of the range for the
        // joint not named; 64 draws over a 0.21 rad interval come within 0.05 rad of both ends.
        Assert.All(given, q => Assert.InRange(q, 0.3 - (0.05 * range), 0.3 + (0.05 * range)));
        Assert.All(centred, q => Assert.InRange(q, (0.45 * range), (0.55 * range)));
        Assert.True(given.Min() < 0.3 - (0.03 * range) && given.Max() > 0.3 + (0.03 * range), "the draws do not spread over the interval");

        var wrong = Assert.Throws<ArgumentException>(() => new NativePlant(new NativePlantOptions
        {
            Engine = NativeEngine.MuJoCo,
            ModelPath = MuJoCoArm.ModelPath,
            InitialPosture = new Dictionary<string, double> { ["qpos/wrist"] = 0.1 },
        }));
        Assert.Contains("qpos/wrist", wrong.Message, StringComparison.Ordinal);
        Assert.Contains($"qpos/{joints[0]}", wrong.Message, StringComparison.Ordinal);
    }

    [MuJoCoFact]
    public void Excitation_replay_runs_on_the_native_plant_unchanged()
    {
        using var plant = MuJoCoArm.Open();
        var start = new TrajectoryArray(2, 1, plant.Layout.Count);
        plant.SampleInitialStates(new DeterministicRandom(1), start.AsSpan());
        var excitations = new TrajectoryArray(2, 25, plant.ExcitationNames.Count);
        var sequence = ExcitationSequence(2, 25);
        for (var t = 0; t < 25; t++)
        {
            excitations.SetStep(t, sequence[t]);
        }

        var result = ExcitationReplay.Run(plant, start, excitations);
        Assert.Equal((2, 25, plant.Layout.Count), result.States.Shape);
        Assert.Same(plant.Layout, result.Layout);
        Assert.All(result.States.AsSpan().ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    /// <summary>Smoothly varying excitations in [0.05, 0.95], different per arm and muscle.</summary>
    internal static double[][] ExcitationSequence(int arms, int steps) =>
        [.. Enumerable.Range(0, steps).Select(step => Enumerable.Range(0, arms * 6)
            .Select(i => 0.5 + (0.45 * Math.Sin((0.2 * step) + (1.1 * i))))
            .ToArray())];
}
