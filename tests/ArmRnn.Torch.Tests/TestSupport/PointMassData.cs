using ArmRnn.Data;
using ArmRnn.Datasets;
using ArmRnn.Excitation;
using ArmRnn.Plants;

namespace ArmRnn.Torch.Tests.TestSupport;

/// <summary>Small datasets from Core's linear point-mass plant.</summary>
internal static class PointMassData
{
    public static TrajectoryBatch Generate(int trajectories, int steps, ulong seed, double dt = 0.01)
    {
        var plant = new PointMassPlant(dt);
        var source = new GeneratedDatasetSource(
            plant,
            new SmoothRandomExcitation(new SmoothRandomExcitationOptions { CutoffFrequency = 2.0 }),
            new DatasetShapeOptions { BatchSize = trajectories, BatchCount = 1, Steps = steps, Seed = seed });
        return source.ReadBatches().Single();
    }
}
