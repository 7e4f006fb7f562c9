using ArmRnn.Core.Tests.TestSupport;
using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Plants;

namespace ArmRnn.Core.Tests.Loops;

public class OpenLoopTests
{
    private static TrajectoryArray Initial(int batch, int channels)
    {
        var initial = new TrajectoryArray(batch, 1, channels);
        for (var b = 0; b < batch; b++)
        {
            initial[b, 0, 1] = -0.02 * b;
        }

        return initial;
    }

    [Fact]
    public void A_perfect_surrogate_gives_identical_sides()
    {
        var surrogate = new PointMassPlant();
        var reference = new PointMassPlant();
        var controller = new RecordingController(surrogate.ExcitationNames, (step, i) => 0.5 + (0.4 * Math.Sin((0.05 * step) + i)));
        var result = new OpenLoop(surrogate, reference, controller).Run(Initial(3, surrogate.Layout.Count), TaskInputSequence.None(3, 60));
        Assert.Equal(result.Surrogate.States.AsSpan().ToArray(), result.Reference.States.AsSpan().ToArray());
        Assert.Equal(result.Surrogate.Excitations.AsSpan().ToArray(), result.Reference.Excitations.AsSpan().ToArray());
        Assert.Equal("open/surrogate", result.Surrogate.Provenance["loop"]);
        Assert.Equal("open/reference", result.Reference.Provenance["loop"]);
    }

    [Fact]
    public void Reference_side_is_the_surrogates_excitations_replayed_on_the_reference_plant()
    {
        var surrogate = new PointMassPlant(0.01, new PointMassPlantOptions { Mass = 1.3, Damping = 5 });
        var reference = new PointMassPlant();
        // The surrogate is heavier and less damped than the reference, so the two sides diverge.
        var controller = new RecordingController(surrogate.ExcitationNames, (step, i) => i == 0 ? 0.6 : 0.1);
        var initial = Initial(2, surrogate.Layout.Count);
        var result = new OpenLoop(surrogate, reference, controller).Run(initial, TaskInputSequence.None(2, 40));

        var replay = ExcitationReplay.Run(new PointMassPlant(), initial, result.Surrogate.Excitations);
        Assert.Equal(replay.States.AsSpan().ToArray(), result.Reference.States.AsSpan().ToArray());
        // Different masses must give different motion; otherwise the test above proves nothing.
        Assert.NotEqual(result.Surrogate.States[0, 39, 0], result.Reference.States[0, 39, 0]);
    }

    [Fact]
    public void Plants_with_different_layouts_are_rejected()
    {
        var surrogate = new PointMassPlant(0.01, new PointMassPlantOptions { MuscleCount = 4 });
        var reference = new PointMassPlant();
        var controller = new RecordingController(surrogate.ExcitationNames, (_, _) => 0);
        var error = Assert.Throws<ArgumentException>(() => new OpenLoop(surrogate, reference, controller));
        Assert.Contains("layout", error.Message, StringComparison.Ordinal);
    }
}
