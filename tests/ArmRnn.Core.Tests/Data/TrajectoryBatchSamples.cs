using ArmRnn.Data;
using ArmRnn.Layouts;

namespace ArmRnn.Core.Tests.Data;

/// <summary>Random trajectory batches for file format tests.</summary>
internal static class TrajectoryBatchSamples
{
    /// <summary>Awkward doubles that must survive a round trip bit for bit.</summary>
    public static IReadOnlyList<double> SpecialValues { get; } =
    [
        0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, double.NaN,
        double.PositiveInfinity, double.NegativeInfinity, 0.1, 1.0 / 3.0, Math.PI, 1e-310, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234),
    ];

    /// <summary>A small made-up layout with a custom group, odd characters and an empty element.</summary>
    public static StateLayout OddLayout { get; } = new(
        "odd layout ü",
        [
            new StateChannel("/jointset/j/q/value", "rad", ChannelGroup.JointAngle, "q"),
            new StateChannel("/forceset/m|tendon_force", "N", ChannelGroup.TendonForce, "m"),
            new StateChannel("weird name with spaces, commas and ü", "1", new ChannelGroup("custom kind"), string.Empty),
            new StateChannel("/markerset/h|location_x", "m", ChannelGroup.HandPosition, "h"),
            new StateChannel("x", "m/s", ChannelGroup.Other, "element/with/slashes"),
        ]);

    public static TrajectoryBatch Random(
        int seed,
        StateLayout layout,
        int batchSize,
        int steps,
        int excitations,
        int taskInputs,
        int generation = 0,
        IReadOnlyDictionary<string, string>? provenance = null,
        double dt = 0.01)
    {
        var random = new Random(seed);
        TrajectoryArray Fill(int b, int t, int c)
        {
            var array = new TrajectoryArray(b, t, c);
            var span = array.AsSpan();
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (random.NextDouble() * 2) - 1;
            }

            return array;
        }

        var initial = Fill(batchSize, 1, layout.Count);
        var states = Fill(batchSize, steps, layout.Count);
        var muscles = Fill(batchSize, steps, excitations);
        var inputs = Fill(batchSize, steps, taskInputs);

        // Sprinkle the awkward values through the states.
        var stateSpan = states.AsSpan();
        for (var i = 0; i < SpecialValues.Count && i < stateSpan.Length; i++)
        {
            stateSpan[(i * 7) % stateSpan.Length] = SpecialValues[i];
        }

        return new TrajectoryBatch(
            layout,
            [.. Enumerable.Range(0, excitations).Select(i => $"muscle_{i}")],
            dt,
            initial,
            muscles,
            states,
            new TaskInputSequence([.. Enumerable.Range(0, taskInputs).Select(i => $"input {i}")], inputs),
            generation,
            provenance);
    }
}
