using ArmRnn.Data;
using ArmRnn.Excitation;
using ArmRnn.Layouts;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Randomness;
using ArmRnn.Tests.Shared;

namespace ArmRnn.OpenSim.Tests.Simulation;

public class Arm26PlantTests
{
    private static double[] Requested(Arm26Plant plant, int batch, Func<int, (double Shoulder, double Elbow, double Activation)> arm)
    {
        var c = plant.Layout.Count;
        var states = new double[batch * c];
        for (var b = 0; b < batch; b++)
        {
            var (shoulder, elbow, activation) = arm(b);
            states[b * c] = shoulder;
            states[(b * c) + 1] = elbow;
            foreach (var index in plant.Layout.IndicesOf(ChannelGroup.Activation))
            {
                states[(b * c) + index] = activation;
            }
        }

        return states;
    }

    [Fact]
    public void Layout_is_the_49_channel_Arm26_state()
    {
        var plant = new Arm26Plant();
        Assert.Equal(Arm26Layout.Full, plant.Layout);
        Assert.Equal(Arm26Layout.MuscleNames, plant.ExcitationNames);
        Assert.Equal(Arm26Layout.OpenSimStates.ChannelNames, plant.OpenSimStatesLayout.ChannelNames);
    }

    [Fact]
    public void Reset_equilibrates_the_fibers_as_OpenSim_does()
    {
        // Row 0 of the physiological run: q = 0, u = 0, activation 0 raised to the 0.01 floor, equilibrium fibers.
        var reference = StorageFile.Read(Path.Combine(RepositoryPaths.SharedReference, "opensim43", "physiological", "states.sto"));
        var plant = new Arm26Plant();
        var requested = Requested(plant, 1, _ => (0, 0, 0));
        var initial = new double[plant.Layout.Count];
        plant.Reset(requested, initial);
        for (var i = 0; i < plant.Layout.Count; i++)
        {
            var expected = reference[0, plant.Layout[i].Name];
            // The file prints 10 significant digits; 1e-7 relative (plus 1e-9 absolute for zeros) is that precision
            // with room for OpenSim's own equilibrium tolerance.
            Assert.True(Math.Abs(initial[i] - expected) <= 1e-9 + (1e-7 * Math.Abs(expected)),
                $"{plant.Layout[i].Name}: {initial[i]} vs OpenSim {expected}");
        }
    }

    [Fact]
    public void Batched_results_do_not_depend_on_the_number_of_threads()
    {
        double[] Run(int threads)
        {
            var plant = new Arm26Plant(new OpenSimPlantOptions { MaxDegreeOfParallelism = threads });
            var requested = Requested(plant, 5, b => (-0.2 + (0.1 * b), 0.3 + (0.2 * b), 0.05));
            var states = new double[requested.Length];
            plant.Reset(requested, states);
            var excitations = new double[5 * 6];
            for (var step = 0; step < 20; step++)
            {
                for (var i = 0; i < excitations.Length; i++)
                {
                    excitations[i] = 0.3 + (0.25 * Math.Sin((0.3 * step) + i));
                }

                plant.Step(excitations, states);
            }

            return states;
        }

        Assert.Equal(Run(1), Run(2));
        Assert.Equal(Run(2), Run(3));
    }

    [Fact]
    public void Out_of_range_excitations_name_the_arm_the_muscle_and_the_time()
    {
        var plant = new Arm26Plant();
        var requested = Requested(plant, 2, _ => (0, 0.5, 0.05));
        var states = new double[requested.Length];
        plant.Reset(requested, states);
        var excitations = new double[12];
        Array.Fill(excitations, 0.1);
        plant.Step(excitations, states);
        excitations[6 + 3] = double.NaN;
        var error = Assert.Throws<ExcitationOutOfRangeException>(() => plant.Step(excitations, states));
        Assert.Equal(1, error.Arm);
        Assert.Equal("BIClong", error.Muscle);
        Assert.Equal(0.01, error.Time, 12);
    }

    [Fact]
    public void Strict_ranges_reject_a_coordinate_that_leaves_its_range()
    {
        var plant = new Arm26Plant(new OpenSimPlantOptions { StrictCoordinateRanges = true });
        var requested = Requested(plant, 1, _ => (0, 0.02, 0.01));
        var states = new double[requested.Length];
        plant.Reset(requested, states);
        // Full triceps, no flexors: the elbow extends through 0 rad, the lower end of its range.
        double[] excitations = [1, 1, 1, 0, 0, 0];
        var error = Assert.Throws<PlantSimulationException>(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                plant.Step(excitations, states);
            }
        });
        Assert.Contains("r_elbow_flex", error.Message, StringComparison.Ordinal);
        Assert.Contains("Arm 0", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => plant.Reset(Requested(plant, 1, _ => (0, -1, 0.01)), new double[plant.Layout.Count]));
    }

    [Fact]
    public void Sampled_postures_lie_in_the_coordinate_ranges_and_repeat_for_a_seed()
    {
        var plant = new Arm26Plant();
        var a = new double[10 * plant.Layout.Count];
        var b = new double[a.Length];
        plant.SampleInitialStates(new DeterministicRandom(3), a);
        plant.SampleInitialStates(new DeterministicRandom(3), b);
        Assert.Equal(a, b);
        for (var arm = 0; arm < 10; arm++)
        {
            Assert.InRange(a[arm * plant.Layout.Count], -Math.PI / 2, Math.PI);
            Assert.InRange(a[(arm * plant.Layout.Count) + 1], 0, 2.2689280300000001);
        }

        plant.Reset(a, b);
        Assert.All(plant.Layout.IndicesOf(ChannelGroup.FiberLength), i => Assert.True(b[i] > 0));
    }
}
