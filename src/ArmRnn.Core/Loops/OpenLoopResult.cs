using ArmRnn.Data;

namespace ArmRnn.Loops;

/// <summary>The two sides of an open-loop run.</summary>
/// <param name="Surrogate">The controller driving the surrogate plant (e.g. ArmNet) in closed loop.</param>
/// <param name="Reference">The same excitations replayed on the reference plant (e.g. the OpenSim arm), from the
/// same initial states.</param>
public sealed record OpenLoopResult(TrajectoryBatch Surrogate, TrajectoryBatch Reference);
