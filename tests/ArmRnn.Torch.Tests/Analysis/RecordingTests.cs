using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Loops;
using ArmRnn.Plants;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Analysis;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Tests.Analysis;

[Collection(TorchCollection.Name)]
public sealed class RecordingTests
{
    [Fact]
    public void Recording_matches_Cores_closed_loop_and_survives_an_HDF5_round_trip()
    {
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 8, steps: 20, seed: 4);
        using var armNet = PointMassNetworks.CreateArmNet(data, hidden: 16);
        using var controller = PointMassNetworks.CreateController(armNet, hidden: 16);
        var plant = new PointMassPlant();
        var task = PointMassNetworks.Task();
        var options = new RecordingOptions { TrialsPerCondition = 2, Steps = 90, StepsBefore = 10, StepsAfter = 60 };
        var trials = ClosedLoopRecorder.Record(controller, plant, task, options);
        Assert.Equal(16, trials.Trials.Count);

        // Core's loop drives the same controller (through IController.Act, which normalises on the host) and plant
        // from the same start states and inputs: same excitations and states up to float32 rounding (1e-5).
        var reference = new ClosedLoop(new PointMassPlant(), controller).Run(trials.InitialStates, new TaskInputSequence(trials.TaskInputNames, trials.TaskInputs));
        AssertClose(reference.Excitations, trials.Excitations, 1e-5);
        AssertClose(reference.States, trials.States, 1e-5);

        var averaged = trials.Average(options);
        Assert.Equal(8, averaged.Conditions);
        Assert.Equal(70, averaged.Steps);
        Assert.All(averaged.TrialCounts, n => Assert.Equal(2, n));
        // Aligned to the go cue: the cue input is 0 just before index StepsBefore and 1 from it on, in every condition.
        var cue = averaged.TaskInputNames.ToList().IndexOf(ReachTaskInputs.GoCue);
        for (var c = 0; c < 8; c++)
        {
            Assert.Equal(0.0, averaged.TaskInputs[c, 9, cue]);
            Assert.Equal(1.0, averaged.TaskInputs[c, 10, cue]);
            // Condition c reaches target c at angle 2πc/8, 3 cm away.
            Assert.Equal(0.03 * Math.Cos(2 * Math.PI * c / 8), averaged.TargetOffsets[c, 0, 0], 12);
        }

        Assert.Equal(0.0, averaged.Time(10));
        // The average of condition 3 at window index 0 is the mean of its two trials at their (cue − 10)th step.
        var members = Enumerable.Range(0, 16).Where(b => trials.Trials[b].Condition == 3).ToArray();
        var expected = members.Average(b => trials.Hidden[b, trials.Trials[b].GoCueStep - 10, 5]);
        Assert.Equal(expected, averaged.Hidden[3, 0, 5], 14);

        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "recording.h5");
        PopulationRecordingHdf5.Write(path, averaged);
        var again = PopulationRecordingHdf5.Read(path);
        Assert.Equal(averaged.Hidden.AsSpan().ToArray(), again.Hidden.AsSpan().ToArray());
        Assert.Equal(averaged.States.AsSpan().ToArray(), again.States.AsSpan().ToArray());
        Assert.Equal(averaged.Excitations.AsSpan().ToArray(), again.Excitations.AsSpan().ToArray());
        Assert.Equal(averaged.TaskInputs.AsSpan().ToArray(), again.TaskInputs.AsSpan().ToArray());
        Assert.Equal(averaged.TargetOffsets.AsSpan().ToArray(), again.TargetOffsets.AsSpan().ToArray());
        Assert.Equal(averaged.TrialCounts, again.TrialCounts);
        Assert.Equal(averaged.Layout, again.Layout);
        Assert.Equal(averaged.ExcitationNames, again.ExcitationNames);
        Assert.Equal(averaged.TaskInputNames, again.TaskInputNames);
        Assert.Equal(averaged.Dt, again.Dt);
        Assert.Equal(averaged.Alignment, again.Alignment);
        Assert.Equal(averaged.StepsBefore, again.StepsBefore);
        Assert.Equal(averaged.Provenance, again.Provenance);

        File.WriteAllText(Path.Combine(folder.Path, "bad.h5"), "not hdf5");
        var error = Assert.Throws<DatasetFormatException>(() => PopulationRecordingHdf5.Read(Path.Combine(folder.Path, "bad.h5")));
        Assert.Contains("bad.h5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Movement_onset_is_the_first_step_after_the_cue_at_the_speed_fraction()
    {
        // A hand on the x axis that rests until step 25 and then moves at 0.05, 0.2, 1.0, 0.5, 0.1 m/s: peak 1 m/s, so
        // with fraction 0.1 the onset is the step at 0.2 m/s (26) and with fraction 0.5 the one at 1.0 m/s (27).
        var plant = new PointMassPlant();
        var layout = plant.Layout;
        const int steps = 40;
        var states = new TrajectoryArray(1, steps, layout.Count);
        var x = layout.IndexOf("position_x");
        var speeds = new Dictionary<int, double> { [25] = 0.05, [26] = 0.2, [27] = 1.0, [28] = 0.5, [29] = 0.1 };
        var position = 0.0;
        for (var t = 0; t < steps; t++)
        {
            position += speeds.GetValueOrDefault(t) * plant.Dt;
            states[0, t, x] = position;
        }

        var trial = new ReachTrial(0, default, new Geometry.Point3(0.03, 0, 0), GoCueStep: 20, MovementStartStep: 20, 0.5, IsCatchTrial: false);
        var recording = new TrialRecording(
            layout, plant.ExcitationNames, ReachTaskInputs.Names, plant.Dt, PointMassPlant.Hand, 1, [trial],
            new TrajectoryArray(1, 1, layout.Count), new TrajectoryArray(1, steps, 4), new TrajectoryArray(1, steps, 3),
            new TrajectoryArray(1, steps, plant.ExcitationNames.Count), states);
        Assert.Equal(26, recording.MovementOnsetSteps(0.1)[0]);
        Assert.Equal(27, recording.MovementOnsetSteps(0.5)[0]);
        var averaged = recording.Average(new RecordingOptions { Alignment = AlignmentEvent.MovementOnset, StepsBefore = 5, StepsAfter = 10 });
        Assert.Equal(states[0, 21, x], averaged.States[0, 0, x]);
        // A window that does not fit leaves the condition empty: a clear error.
        var error = Assert.Throws<InvalidOperationException>(() => recording.Average(new RecordingOptions { Alignment = AlignmentEvent.MovementOnset, StepsBefore = 30, StepsAfter = 10 }));
        Assert.Contains("Condition 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Closed_loop_map_follows_the_trainers_closed_loop()
    {
        // ControllerTrainer.RunClosedLoop unrolls controller + ArmNet with its own code. With the go cue on from step 0
        // the task input is constant, so after the first step (which observes s0 itself) the loop is the map:
        // z_{t+1} = F(z_t), and ArmNet's hand read out of z_t must equal the trainer's hand at step t − 1.
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 8, steps: 20, seed: 6);
        using var armNet = PointMassNetworks.CreateArmNet(data, hidden: 12);
        using var controller = PointMassNetworks.CreateController(armNet, hidden: 10);
        controller.eval();
        var task = new CenterOutTask(new CenterOutTaskOptions { Hand = PointMassPlant.Hand, Radius = 0.03, GoCueTime = 0, MovementTime = 0.3 });
        var s0 = armNet.Normalization.Mean.ToArray();
        var starts = new TrajectoryArray(8, 1, s0.Length);
        for (var b = 0; b < 8; b++)
        {
            s0.CopyTo(starts.At(b, 0));
        }

        var trials = task.CreateBatch(8, 30, armNet.Dt, starts, armNet.Layout, new DeterministicRandom(1));
        var hands = ControllerTrainer.RunClosedLoop(controller, armNet, task, starts, trials);
        const int target = 3;
        var (u, v) = task.TargetOffset(target);
        var map = new ClosedLoopMap(controller, armNet, [u, v, 1.0], s0);
        Assert.Equal(10 + 12, map.StateSize);

        // z_1 from the first step as the trainer takes it (observing s0).
        double[] z1;
        using (torch.no_grad())
        {
            using var raw = torch.tensor(s0.Select(x => (float)x).ToArray(), [1, s0.Length]);
            using var observed = controller.Observe(raw);
            using var input = torch.tensor(new[] { (float)u, (float)v, 1f }, [1, 3]);
            using var h0 = controller.InitialHidden(1);
            var (e, h1) = controller.Step(input, observed, h0);
            using var s0n = armNet.Normalize(raw);
            using var a0 = armNet.InitialHidden(s0n);
            var (_, a1) = armNet.Run(e.unsqueeze(1), a0, s0n);
            using var z = torch.cat([h1.squeeze(0), a1.squeeze(0)], 1);
            z1 = new double[map.StateSize];
            z.to(torch.ScalarType.Float64).data<double>().CopyTo(z1, 0);
            e.Dispose();
            h1.Dispose();
            a1.Dispose();
        }

        var trajectory = FixedPointStarts.Simulate(map, [z1], steps: 28);
        var (hx, hy, _) = PointMassPlant.Hand.IndicesIn(armNet.Layout);
        for (var t = 0; t <= 28; t++)
        {
            using var zt = torch.tensor(trajectory.At(0, t).ToArray().Select(x => (float)x).ToArray(), [1, map.StateSize]);
            using var arm = map.ArmStates(zt);
            var state = arm.data<float>().ToArray();
            // float32 arithmetic along two code paths: 1e-5 m.
            Assert.Equal(hands[target, t, 0], state[hx], 5);
            Assert.Equal(hands[target, t, 1], state[hy], 5);
        }
    }

    private static void AssertClose(TrajectoryArray expected, TrajectoryArray actual, double tolerance)
    {
        var a = expected.AsSpan().ToArray();
        var b = actual.AsSpan().ToArray();
        Assert.Equal(a.Length, b.Length);
        var worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(worst <= tolerance, $"largest difference {worst}");
    }
}
