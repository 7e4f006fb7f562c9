using ArmRnn.Plants;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Sweeps;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Tests.Sweeps;

[Collection(TorchCollection.Name)]
public sealed class HyperparameterSweepTests
{
    [Fact]
    public void The_poster_grid_has_every_combination_of_its_axes_once()
    {
        var grid = SweepGrid.Poster();
        // 6 batch sizes (8..256), 5 learning rates (1e-5..0.1), 3 hidden sizes (512..2048), GRU and LSTM.
        Assert.Equal(6 * 5 * 3 * 2, grid.Count);
        var points = Enumerable.Range(0, grid.Count).Select(i => grid[i]).ToList();
        Assert.Equal(grid.Count, points.Select(p => (p.BatchSize, p.LearningRate, p.HiddenSize, p.Cell)).Distinct().Count());
        Assert.Equal([8, 16, 32, 64, 128, 256], points.Select(p => p.BatchSize).Distinct().Order());
        Assert.Equal([1e-5, 1e-4, 1e-3, 1e-2, 1e-1], points.Select(p => p.LearningRate).Distinct().Order());
        Assert.Equal([512, 1024, 2048], points.Select(p => p.HiddenSize).Distinct().Order());
        Assert.All(points, p => Assert.Equal(p.Index, points.IndexOf(p)));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid[grid.Count]);
    }

    [Fact]
    public void A_point_run_alone_equals_the_same_point_in_a_full_run_and_complete_points_are_not_recomputed()
    {
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 24, steps: 30, seed: 3);
        var options = TinySweep();
        using var full = new TemporaryFolder();
        var sweep = new HyperparameterSweep(options, data, PointMassPlant.Hand, torch.CPU);
        sweep.Prepare(full.Path);
        var all = Enumerable.Range(0, options.Grid.Count).Select(i => sweep.RunPoint(full.Path, i)).ToList();

        // One process per point (a Slurm array): point 1 alone in another folder.
        using var single = new TemporaryFolder();
        var alone = new HyperparameterSweep(options, data, PointMassPlant.Hand, torch.CPU);
        alone.Prepare(single.Path);
        var one = alone.RunPoint(single.Path, 1);
        Assert.Equal(all[1] with { Seconds = 0 }, one with { Seconds = 0 });

        // Rerunning reads the stored result: the file is not rewritten.
        var path = HyperparameterSweep.PointPath(full.Path, 0);
        var written = File.GetLastWriteTimeUtc(path);
        var again = sweep.RunPoint(full.Path, 0);
        Assert.Equal(all[0], again);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal(options.Grid.Count, HyperparameterSweep.ReadResults(full.Path).Count);

        // The points differ only by their hyperparameters, so different learning rates give different results.
        Assert.NotEqual(all[0].BestValidationLoss, all[1].BestValidationLoss);
    }

    [Fact]
    public void A_folder_swept_on_other_data_is_refused()
    {
        var options = TinySweep();
        using var folder = new TemporaryFolder();
        new HyperparameterSweep(options, PointMassData.Generate(trajectories: 8, steps: 10, seed: 3), PointMassPlant.Hand, torch.CPU).Prepare(folder.Path);
        var other = new HyperparameterSweep(options, PointMassData.Generate(trajectories: 8, steps: 10, seed: 4), PointMassPlant.Hand, torch.CPU);
        var error = Assert.Throws<RunConfigurationMismatchException>(() => other.Prepare(folder.Path));
        Assert.Contains("$.data.checksum", error.Message);
    }

    private static SweepOptions TinySweep()
    {
        var training = ArmNetTrainingOptions.Default();
        training.Epochs = 3;
        training.EarlyStoppingPatience = 0;
        return new SweepOptions
        {
            Grid = new SweepGrid { BatchSizes = [8], LearningRates = [1e-3, 1e-2], HiddenSizes = [8], Cells = [RecurrentCellKind.Gru], WeightDecays = [0], GradientClipNorms = [1] },
            Training = training,
        };
    }
}
