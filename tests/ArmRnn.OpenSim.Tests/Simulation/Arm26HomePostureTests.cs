using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Randomness;

namespace ArmRnn.OpenSim.Tests.Simulation;

public sealed class Arm26HomePostureTests
{
    [Fact]
    public void Uniform_co_contraction_holds_the_arm_at_rest_at_its_home_posture()
    {
        // Static equilibrium against gravity: started at the home posture with muscles at equilibrium for the home
        // activation and driven by the home excitation, the arm must stay put. A posture that is not an equilibrium
        // (e.g. the middle of the ranges) moves by tens of degrees within a second (second test below).
        var plant = new Arm26Plant(new OpenSimPlantOptions { InitialPosture = Arm26Plant.HomePosture, InitialPostureRangeFraction = 0, InitialActivation = Arm26Plant.HomeExcitation });
        var final = Hold(plant, Arm26Plant.HomeExcitation, steps: 200);
        // 2 s of holding: within 1.5° of the home posture and nearly still. The residual is the settling of the tendon
        // and activation states (both start at their equilibria, so it is small).
        Assert.InRange(final[0], Arm26Plant.HomePosture[0] - 0.026, Arm26Plant.HomePosture[0] + 0.026);
        Assert.InRange(final[1], Arm26Plant.HomePosture[1] - 0.026, Arm26Plant.HomePosture[1] + 0.026);
        Assert.InRange(Math.Abs(final[2]) + Math.Abs(final[3]), 0, 0.01);
    }

    [Fact]
    public void The_middle_of_the_ranges_is_not_a_posture_the_muscles_can_hold()
    {
        var plant = new Arm26Plant(new OpenSimPlantOptions { InitialPostureRangeFraction = 0, InitialActivation = Arm26Plant.HomeExcitation });
        var final = Hold(plant, Arm26Plant.HomeExcitation, steps: 100);
        Assert.True(Math.Abs(final[0] - 0.785) > 0.3, $"the shoulder stayed at {final[0]} rad");
    }

    private static double[] Hold(Arm26Plant plant, double excitation, int steps)
    {
        var start = new TrajectoryArray(1, 1, plant.Layout.Count);
        plant.SampleInitialStates(new DeterministicRandom(1), start.AsSpan());
        plant.Reset(start.AsSpan(), start.AsSpan());
        var excitations = new TrajectoryArray(1, steps, plant.ExcitationNames.Count);
        excitations.AsSpan().Fill(excitation);
        var result = ExcitationReplay.Run(plant, start, excitations);
        return result.States.At(0, steps - 1).ToArray();
    }
}
