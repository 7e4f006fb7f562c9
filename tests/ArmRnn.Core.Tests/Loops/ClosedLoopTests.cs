using ArmRnn.Controllers;
using ArmRnn.Core.Tests.Plants;
using ArmRnn.Core.Tests.TestSupport;
using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Plants;

namespace ArmRnn.Core.Tests.Loops;

public class ClosedLoopTests
{
    [Fact]
    public void Loop_with_constant_excitation_reproduces_the_analytic_trajectory()
    {
        var plant = new PointMassPlant(0.01);
        var o = new PointMassPlantOptions();
        // Muscle 0 pulls along +x; only it is excited.
        var controller = new RecordingController(plant.ExcitationNames, (_, i) => i % 6 == 0 ? 0.7 : 0.0);
        var initial = new TrajectoryArray(2, 1, plant.Layout.Count);
        initial[1, 0, 0] = 0.03; // arm 1 starts displaced in x.
        var result = new ClosedLoop(plant, controller).Run(initial, TaskInputSequence.None(2, 80));

        Assert.Equal(80, result.Steps);
        for (var arm = 0; arm < 2; arm++)
        {
            for (var t = 0; t < 80; t++)
            {
                var (x, vx) = PointMassAnalytic.Solve(o.Mass, o.Damping, o.Stiffness, o.ActivationTimeConstant,
                    o.MaxForce * 0.7, -o.MaxForce * 0.7, initial[arm, 0, 0], 0, result.StateTime(t));
                // Exact discretisation: agreement to rounding (see PointMassPlantTests).
                Assert.Equal(x, result.States[arm, t, 0], 1e-12);
                Assert.Equal(vx, result.States[arm, t, 2], 1e-11);
                Assert.Equal(0, result.States[arm, t, 1], 1e-14);
            }
        }
    }

    [Fact]
    public void Controller_sees_the_state_at_the_start_of_each_step_and_the_task_input_of_that_step()
    {
        var plant = new PointMassPlant();
        var controller = new RecordingController(plant.ExcitationNames, (step, i) => 0.1 * ((step + (i % 6)) % 5));
        var inputs = new TrajectoryArray(3, 20, 2);
        for (var b = 0; b < 3; b++)
        {
            for (var t = 0; t < 20; t++)
            {
                inputs[b, t, 0] = b;
                inputs[b, t, 1] = t;
            }
        }

        var result = new ClosedLoop(plant, controller).Run(
            new TrajectoryArray(3, 1, plant.Layout.Count), new TaskInputSequence(["arm", "step"], inputs));

        Assert.Equal(3, controller.Context!.BatchSize);
        Assert.Equal(["arm", "step"], controller.Context.TaskInputNames);
        for (var t = 0; t < 20; t++)
        {
            for (var b = 0; b < 3; b++)
            {
                var seen = controller.SeenStates[t].AsSpan(b * plant.Layout.Count, plant.Layout.Count);
                Assert.True(seen.SequenceEqual(result.StateAtSample(b, t)), $"step {t} arm {b}");
                Assert.Equal(b, controller.SeenInputs[t][b * 2]);
                Assert.Equal(t, controller.SeenInputs[t][(b * 2) + 1]);
                for (var k = 0; k < 6; k++)
                {
                    Assert.Equal(0.1 * ((t + k) % 5), result.Excitations[b, t, k]);
                }
            }
        }

        Assert.Equal(inputs.AsSpan().ToArray(), result.TaskInputs.Values.AsSpan().ToArray());
        Assert.Equal("closed", result.Provenance["loop"]);
    }

    [Fact]
    public void Replaying_a_closed_loop_recording_reproduces_it_bitwise()
    {
        var plant = new PointMassPlant();
        var controller = new RecordingController(plant.ExcitationNames, (step, i) => Math.Abs(Math.Sin(0.1 * step * (i + 1))));
        var initial = new TrajectoryArray(4, 1, plant.Layout.Count);
        for (var b = 0; b < 4; b++)
        {
            initial[b, 0, 0] = 0.01 * b;
        }

        var recorded = new ClosedLoop(plant, controller).Run(initial, TaskInputSequence.None(4, 50));
        var replayed = ExcitationReplay.Run(new PointMassPlant(), initial, recorded.Excitations);
        Assert.Equal(recorded.States.AsSpan().ToArray(), replayed.States.AsSpan().ToArray());
        Assert.Equal("replay", replayed.Provenance["loop"]);
    }

    [Fact]
    public void Mismatched_excitation_names_are_rejected_with_both_lists()
    {
        var plant = new PointMassPlant();
        var controller = new RecordingController(["a", "b"], (_, _) => 0);
        var error = Assert.Throws<ArgumentException>(() => new ClosedLoop(plant, controller));
        Assert.Contains("[a, b]", error.Message, StringComparison.Ordinal);
        Assert.Contains("muscle_0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_initial_state_shape_is_rejected()
    {
        var plant = new PointMassPlant();
        var loop = new ClosedLoop(plant, new ReplayController(new TrajectoryArray(1, 5, 6), plant.ExcitationNames));
        var error = Assert.Throws<ArgumentException>(() => loop.Run(new TrajectoryArray(1, 1, 3), TaskInputSequence.None(1, 5)));
        Assert.Contains("pointmass-6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_the_loop()
    {
        var plant = new PointMassPlant();
        using var cts = new CancellationTokenSource();
        var controller = new RecordingController(plant.ExcitationNames, (step, _) =>
        {
            if (step == 10)
            {
                cts.Cancel();
            }

            return 0;
        });
        Assert.Throws<OperationCanceledException>(() =>
            new ClosedLoop(plant, controller).Run(new TrajectoryArray(1, 1, plant.Layout.Count), TaskInputSequence.None(1, 100), 0, cts.Token));
        Assert.Equal(11, controller.SeenStates.Count);
    }

    [Fact]
    public void Loop_allocations_do_not_grow_with_the_number_of_steps()
    {
        var plant = new PointMassPlant();
        var n = plant.Layout.Count;
        var controller = new ReplayController(new TrajectoryArray(8, 1000, 6), plant.ExcitationNames);
        var loop = new ClosedLoop(plant, controller);
        var initial = new TrajectoryArray(8, 1, n);
        loop.Run(initial, TaskInputSequence.None(8, 1000));

        long Measure(int steps)
        {
            var replay = new ClosedLoop(plant, new ReplayController(new TrajectoryArray(8, steps, 6), plant.ExcitationNames));
            var inputs = TaskInputSequence.None(8, steps);
            // The least of a few runs: the runtime itself (tiered compilation) occasionally allocates on this thread.
            var least = long.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                replay.Run(initial, inputs);
                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            return least;
        }

        var small = Measure(100);
        var large = Measure(1000);
        // The only size-dependent allocations are the result arrays: states (n doubles) and excitations (6 doubles)
        // per arm and step, plus the copy of the (empty) task inputs. One object per step (24 bytes or more) would add
        // at least 900 x 24 = 21,600 bytes, far beyond the 4 KiB allowed for array headers and rounding.
        var outputBytes = 8L * 900 * (n + 6) * sizeof(double);
        Assert.InRange(large - small, outputBytes, outputBytes + 4096);
    }
}
