using ArmRnn.Data;
using ArmRnn.Excitation;
using ArmRnn.Randomness;

namespace ArmRnn.Core.Tests.Excitation;

/// <summary>What every generator promises: bounds, reproducibility, independence of the batch size, validation.</summary>
public class GeneratorContractTests
{
    private const double Dt = 0.01;

    public static TheoryData<string> Generators => ["smooth", "piecewise", "sinusoids", "cocontraction", "cocontraction-jitter-ramp"];

    private static IExcitationGenerator Create(string name, double min = 0.2, double max = 0.7) => name switch
    {
        "smooth" => new SmoothRandomExcitation(new SmoothRandomExcitationOptions { Min = min, Max = max, Steepness = 3 }),
        "piecewise" => new PiecewiseConstantExcitation(new PiecewiseConstantExcitationOptions { Min = min, Max = max }),
        "sinusoids" => new SumOfSinusoidsExcitation(new SumOfSinusoidsExcitationOptions { Min = min, Max = max }),
        "cocontraction" => new CoContractionExcitation(new CoContractionExcitationOptions { Min = min, Max = max }),
        "cocontraction-jitter-ramp" => new CoContractionExcitation(new CoContractionExcitationOptions { Min = min, Max = max, Jitter = 0.2, Ramp = true }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static TrajectoryArray Generate(IExcitationGenerator generator, int batch, int steps = 300, ulong seed = 42)
    {
        var excitations = new TrajectoryArray(batch, steps, 6);
        generator.Generate(excitations, Dt, new DeterministicRandom(seed));
        return excitations;
    }

    private static long[] Bits(Span<double> values) => [.. values.ToArray().Select(BitConverter.DoubleToInt64Bits)];

    [Theory]
    [MemberData(nameof(Generators))]
    public void Every_value_is_within_the_bounds(string name)
    {
        var values = Generate(Create(name), 32).AsSpan().ToArray();
        Assert.All(values, v => Assert.InRange(v, 0.2, 0.7)); // Exact: bounds are a hard guarantee.
        Assert.True(values.Max() - values.Min() > 0.05, "the values should vary");
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void The_same_seed_reproduces_bitwise_and_another_seed_differs(string name)
    {
        var generator = Create(name);
        Assert.Equal(Bits(Generate(generator, 8).AsSpan()), Bits(Generate(generator, 8).AsSpan()));
        Assert.NotEqual(Bits(Generate(generator, 8).AsSpan()), Bits(Generate(generator, 8, seed: 43).AsSpan()));
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Trajectory_b_does_not_depend_on_the_batch_size(string name)
    {
        var generator = Create(name);
        var small = Generate(generator, 3);
        var large = Generate(generator, 11);
        for (var b = 0; b < 3; b++)
        {
            Assert.Equal(Bits(small.Trajectory(b)), Bits(large.Trajectory(b)));
        }
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Bounds_outside_0_1_or_reversed_are_rejected(string name)
    {
        var below = Assert.Throws<ArgumentException>(() => Create(name, min: -0.1));
        Assert.Contains("Min must be in [0, 1]; it is -0.1", below.Message, StringComparison.Ordinal);
        var above = Assert.Throws<ArgumentException>(() => Create(name, max: 1.2));
        Assert.Contains("Max must be in [0, 1]; it is 1.2", above.Message, StringComparison.Ordinal);
        var reversed = Assert.Throws<ArgumentException>(() => Create(name, min: 0.6, max: 0.4));
        Assert.Contains("Min (0.6) must not exceed Max (0.4)", reversed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Description_is_given_and_a_bad_control_step_is_rejected(string name)
    {
        var generator = Create(name);
        Assert.False(string.IsNullOrWhiteSpace(generator.Description));
        Assert.Contains("0.7", generator.Description, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(new TrajectoryArray(1, 10, 6), 0, new DeterministicRandom(1)));
    }
}
