using ArmRnn.Data;

namespace ArmRnn.Abstractions;

/// <summary>
/// A source of trajectory batches: a plant driven by excitation generators, a closed or open loop, or files.
/// Enumerating a source twice yields the same data (sources are seeded).
/// </summary>
public interface IDatasetSource
{
    /// <summary>A short description for logs and provenance (e.g. "arm26 driven by smooth random excitations").</summary>
    string Description { get; }

    /// <summary>Produces the batches, lazily.</summary>
    /// <param name="cancellationToken">Stops the enumeration between batches.</param>
    IEnumerable<TrajectoryBatch> ReadBatches(CancellationToken cancellationToken = default);
}
