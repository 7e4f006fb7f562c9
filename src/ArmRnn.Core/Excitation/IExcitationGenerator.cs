using ArmRnn.Data;
using ArmRnn.Randomness;

namespace ArmRnn.Excitation;

/// <summary>
/// Produces scripted excitation sequences (for generation-0 data): seeded, reproducible, bounded to [0, 1].
/// </summary>
public interface IExcitationGenerator
{
    /// <summary>A short description for provenance (e.g. "smooth random, 2 Hz, [0.01, 0.6]").</summary>
    string Description { get; }

    /// <summary>
    /// Fills <paramref name="excitations"/> (<c>[batch, time, muscle]</c>). Trajectory <c>b</c> is drawn from
    /// <c>random.Fork(b)</c>, so it does not depend on the batch size.
    /// </summary>
    /// <param name="excitations">Destination.</param>
    /// <param name="dt">Control step (s).</param>
    /// <param name="random">Source of randomness.</param>
    void Generate(TrajectoryArray excitations, double dt, DeterministicRandom random);
}
