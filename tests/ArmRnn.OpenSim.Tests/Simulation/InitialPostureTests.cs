using ArmRnn.OpenSim.Simulation;
using ArmRnn.Randomness;

namespace ArmRnn.OpenSim.Tests.Simulation;

public sealed class InitialPostureTests
{
    [Fact]
    public void Sampled_postures_are_centred_on_the_given_posture_within_the_range_fraction()
    {
        var plant = new Arm26Plant(new OpenSimPlantOptions { InitialPosture = [-0.47, 1.66], InitialPostureRangeFraction = 0.1, InitialActivation = 0.1 });
        var states = new double[64 * plant.Layout.Count];
        plant.SampleInitialStates(new DeterministicRandom(3), states);
        // Arm26's ranges: shoulder [-90°, 180°] (4.712 rad wide), elbow [0°, 130°] (2.269 rad wide); 10% of each,
        // centred on the posture, is ±0.2356 and ±0.1134 rad.
        var shoulder = Enumerable.Range(0, 64).Select(b => states[b * plant.Layout.Count]).ToArray();
        var elbow = Enumerable.Range(0, 64).Select(b => states[(b * plant.Layout.Count) + 1]).ToArray();
        Assert.All(shoulder, q => Assert.InRange(q, -0.47 - 0.2357, -0.47 + 0.2357));
        Assert.All(elbow, q => Assert.InRange(q, 1.66 - 0.1135, 1.66 + 0.1135));
        // Uniform samples fill the interval: 64 draws leave less than a quarter of it uncovered at either end
        // (probability of failure 2 * 0.75^64 ≈ 2e-8 for a correct sampler; the draws are deterministic anyway).
        Assert.True(shoulder.Max() - shoulder.Min() > 0.2357, "the shoulder samples do not spread over the range");
        Assert.Equal(0.1, states[plant.Layout.IndexOf("/forceset/BIClong/activation")]);
    }

    [Fact]
    public void With_a_zero_range_every_sample_is_the_given_posture()
    {
        var plant = new Arm26Plant(new OpenSimPlantOptions { InitialPosture = [-0.47, 1.66], InitialPostureRangeFraction = 0 });
        var states = new double[3 * plant.Layout.Count];
        plant.SampleInitialStates(new DeterministicRandom(5), states);
        for (var b = 0; b < 3; b++)
        {
            Assert.Equal(-0.47, states[b * plant.Layout.Count]);
            Assert.Equal(1.66, states[(b * plant.Layout.Count) + 1]);
        }
    }

    [Fact]
    public void A_posture_with_the_wrong_number_of_coordinates_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new Arm26Plant(new OpenSimPlantOptions { InitialPosture = [0.1] }));
        Assert.Contains("InitialPosture has 1 values but model 'arm26' has 2 coordinates (r_shoulder_elev, r_elbow_flex)", error.Message);
    }
}
