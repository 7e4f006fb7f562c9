using ArmRnn.Native.Tests.TestSupport;

namespace ArmRnn.Native.Tests;

/// <summary>
/// OpenSim 4.3's wrapping gives TRIlong's path in arm26.osim a narrow spike: near shoulder elevation -0.289 rad (elbow
/// 1.6 rad) the path is 8.5 mm longer over about 1.4 mrad of shoulder angle (docs/validation.md lists it as found while
/// porting). The native engine is OpenSim itself, so it is the reference here: the managed engine, evaluating paths
/// exactly, must give the same muscle-tendon lengths at every posture of a sweep through the spike, spike included.
/// </summary>
public sealed class OpenSimPathSpikeTests
{
    [OpenSimEngineFact]
    public void The_managed_engine_reproduces_OpenSims_muscle_tendon_lengths_through_the_TRIlong_wrap_spike()
    {
        // Shoulder from -0.2910 to -0.2870 rad in steps of 0.05 mrad, elbow 1.6 rad, at rest, activation 0.4.
        var sweep = Arm26PathSweep.Run(first: -0.291, step: 0.00005, arms: 81, elbow: 1.6, activation: 0.4);
        var lengths = sweep.NativeLengths("TRIlong");
        // The sweep must cross the spike: some posture's TRIlong path is more than 5 mm longer than the shortest one.
        Assert.True(lengths.Max() - lengths.Min() > 0.005, $"no spike in TRIlong's length over the sweep: {lengths.Min()} to {lengths.Max()} m");
        sweep.AssertManagedLengthsEqualOpenSims();
    }
}
