using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Metrics;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Validation;

/// <summary>
/// The bar of the managed engine: it must reproduce real OpenSim 4.3 forward simulations of Arm26 (the shared runs,
/// made with OpenSim's own integrator at accuracy 1e-5). The bounds are the acceptance criteria; they hold
/// on every run, with other excitations and postures.
/// </summary>
public class OpenSimAgreementTests
{
    private const double Degrees = 180 / Math.PI;

    public static TheoryData<string> Runs() => [.. OpenSimReferenceRuns.Names];

    private static IReadOnlyDictionary<string, ChannelAgreement> Agreement(string run)
    {
        var (reference, simulated) = OpenSimReferenceRuns.Get(run);
        return StorageComparison.Compare(reference, simulated).ToDictionary(a => a.Channel);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Joint_angles_within_0_2_degrees_rms_and_0_5_degrees_max(string run)
    {
        var agreement = Agreement(run);
        foreach (var c in Arm26Layout.Coordinates)
        {
            var a = agreement[OpenSimChannelNames.CoordinateValue(c.Joint, c.Coordinate)];
            Assert.True(a.Rmse * Degrees <= 0.2, $"{run} {c.Coordinate}: RMSE {a.Rmse * Degrees:0.0000} deg");
            Assert.True(a.MaxAbsError * Degrees <= 0.5, $"{run} {c.Coordinate}: max error {a.MaxAbsError * Degrees:0.0000} deg");
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Joint_speeds_within_1_degree_per_second_rms(string run)
    {
        var agreement = Agreement(run);
        foreach (var c in Arm26Layout.Coordinates)
        {
            var a = agreement[OpenSimChannelNames.CoordinateSpeed(c.Joint, c.Coordinate)];
            Assert.True(a.Rmse * Degrees <= 1.0, $"{run} {c.Coordinate}: speed RMSE {a.Rmse * Degrees:0.0000} deg/s");
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Activations_within_0_005_and_fiber_lengths_within_half_a_percent_of_optimal(string run)
    {
        var agreement = Agreement(run);
        var model = Arm26Model.Create();
        foreach (var muscle in model.Muscles)
        {
            var activation = agreement[OpenSimChannelNames.MuscleState(muscle.Name, "activation")];
            Assert.True(activation.MaxAbsError <= 0.005, $"{run} {muscle.Name}: activation max error {activation.MaxAbsError:0.000000}");
            var fiber = agreement[OpenSimChannelNames.MuscleState(muscle.Name, "fiber_length")];
            var percent = 100 * fiber.Rmse / muscle.Parameters.OptimalFiberLength;
            Assert.True(percent <= 0.5, $"{run} {muscle.Name}: fiber length RMSE {percent:0.0000}% of optimal");
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Hand_within_2_mm_rms_and_every_channel_above_99_percent_vaf(string run)
    {
        var (reference, simulated) = OpenSimReferenceRuns.Get(run);
        var sum = 0.0;
        for (var r = 0; r < reference.RowCount; r++)
        {
            var t = reference.Time(r);
            var squared = 0.0;
            foreach (var axis in new[] { Arm26Layout.Hand.X, Arm26Layout.Hand.Y, Arm26Layout.Hand.Z! })
            {
                var error = simulated.Interpolate(axis, t) - reference[r, axis];
                squared += error * error;
            }

            sum += squared;
        }

        var handRmse = Math.Sqrt(sum / reference.RowCount);
        Assert.True(handRmse <= 0.002, $"{run}: hand position RMSE {handRmse * 1000:0.000} mm");
        foreach (var a in StorageComparison.Compare(reference, simulated))
        {
            // Constant channels (zero range, e.g. a speed that stays 0) have no variance to account for.
            if (a.ReferenceRange > 0)
            {
                Assert.True(a.Vaf >= 99.0, $"{run} {a.Channel}: VAF {a.Vaf:0.000}%");
            }
        }

        Assert.Equal(50, simulated.ColumnCount);
    }
}
