using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Data;
using ArmRnn.Metrics;
using ArmRnn.Plants;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;

namespace ArmRnn.Torch.Tests.Pipeline;

[Collection(TorchCollection.Name)]
public sealed class GenerationPipelineTests
{
    [Fact]
    public void A_run_writes_every_artefact_and_its_evaluation_agrees_with_the_saved_reaches()
    {
        torch.set_num_threads(1);
        using var folder = new TemporaryFolder();
        var options = PointMassPipeline.Options();
        var result = new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU).Run(folder.Path);

        Assert.Equal(2, result.Generations.Count);
        Assert.Equal(0, result.SkippedStages);
        foreach (var generation in new[] { 0, 1 })
        {
            foreach (var name in new[] { PipelineFiles.TrainingData, PipelineFiles.TestData, PipelineFiles.ArmNet, PipelineFiles.ArmNetHistory, PipelineFiles.Controller, PipelineFiles.ControllerHistory, PipelineFiles.CenterOutOnPlant, PipelineFiles.CenterOutOnArmNet, PipelineFiles.TestPredictions })
            {
                Assert.True(File.Exists(result.RunFolder.File(generation, name)), $"gen {generation}: {name} is missing");
            }

            // The resumable training checkpoints are gone once their stage is complete.
            Assert.False(File.Exists(result.RunFolder.File(generation, PipelineFiles.ArmNetTraining)));
            Assert.False(File.Exists(result.RunFolder.File(generation, PipelineFiles.ControllerTraining)));

            // The controller checkpoint keeps the task it was trained on (evaluate and analyze read it back).
            var stored = ArmNetCheckpoint.ReadMetadata(result.RunFolder.File(generation, PipelineFiles.Controller)).Training![ControllerNetCheckpoint.TaskMetadataKey]!
                .Deserialize<CenterOutTaskOptions>(CheckpointFile.JsonOptions)!;
            Assert.Equal(options.Controller.Task.GoCueTime, stored.GoCueTime);
            Assert.Equal(options.Controller.Task.Radius, stored.Radius);
            Assert.Equal(options.Controller.Task.Hand, stored.Hand);
        }

        // The data split: 48 generation-0 trajectories, 1/8 held out; 32 from the controller in generation 1.
        Assert.Equal(6, TrajectoryBatchHdf5.Read(result.RunFolder.File(0, PipelineFiles.TestData)).BatchSize);
        Assert.Equal(42, TrajectoryBatchHdf5.Read(result.RunFolder.File(0, PipelineFiles.TrainingData)).BatchSize);
        var gen1 = TrajectoryBatchHdf5.Read(result.RunFolder.File(1, PipelineFiles.TrainingData));
        Assert.Equal(28, gen1.BatchSize);
        Assert.Equal(1, gen1.Generation);
        Assert.Equal("closed-loop", gen1.Provenance["source"]);

        // The generation matrix is complete: every ArmNet on every generation's test data.
        var matrix = result.Matrix(PointMassPlant.Hand.X, PointMassPlant.Hand.Y);
        Assert.Equal([0, 1], matrix.ModelGenerations);
        Assert.Equal([0, 1], matrix.DataGenerations);
        foreach (var (model, data) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            Assert.True(double.IsFinite(matrix.Get(model, data).VafOf(PointMassPlant.Hand.X)));
        }

        // Independent check of the controller metrics: recompute each target's endpoint error from the saved reaches
        // and the task geometry (8 targets at 3 cm around the start). Same arithmetic on the same doubles: 1e-12 m.
        var reaches = TrajectoryBatchHdf5.Read(result.RunFolder.File(1, PipelineFiles.CenterOutOnPlant));
        var (x, y, _) = PointMassPlant.Hand.IndicesIn(reaches.Layout);
        var evaluation = result.Generations[1].Controller.RealPlant;
        Assert.Equal(8, evaluation.EndpointErrorByTarget.Count);
        for (var target = 0; target < 8; target++)
        {
            var start = reaches.InitialStates.At(target, 0);
            var end = reaches.States.At(target, reaches.Steps - 1);
            var angle = 2 * Math.PI * target / 8;
            var expected = Math.Sqrt(Math.Pow(end[x] - (start[x] + (0.03 * Math.Cos(angle))), 2) + Math.Pow(end[y] - (start[y] + (0.03 * Math.Sin(angle))), 2));
            Assert.Equal(expected, evaluation.EndpointErrorByTarget[target], 1e-12);
        }

        Assert.Equal(evaluation.EndpointErrorByTarget.Average(), evaluation.MeanEndpointError, 1e-12);
        Assert.All(result.Generations, g => Assert.All(g.StageSeconds.Values, s => Assert.True(s >= 0)));
    }

    [Fact]
    public void A_second_run_skips_every_complete_stage_and_returns_the_same_results()
    {
        torch.set_num_threads(1);
        using var folder = new TemporaryFolder();
        var options = PointMassPipeline.Options();
        var first = new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU).Run(folder.Path);
        var armNetBytes = File.ReadAllBytes(first.RunFolder.File(1, PipelineFiles.ArmNet));

        var second = new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU).Run(folder.Path);

        Assert.Equal(8, second.SkippedStages);
        Assert.Equal(armNetBytes, File.ReadAllBytes(second.RunFolder.File(1, PipelineFiles.ArmNet)));
        Assert.Equal(Summary(first), Summary(second));
    }

    [Fact]
    public void A_run_interrupted_during_training_resumes_to_the_results_of_an_uninterrupted_run()
    {
        torch.set_num_threads(1);
        var options = PointMassPipeline.Options();
        using var reference = new TemporaryFolder();
        var uninterrupted = new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU).Run(reference.Path);

        using var folder = new TemporaryFolder();
        using (var cancellation = new CancellationTokenSource())
        {
            var pipeline = new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU);
            // Stop in generation 1's controller training, after its first checkpoint (every 2 iterations).
            pipeline.ProgressChanged += (_, p) =>
            {
                if (p is { Generation: 1, Stage: PipelineStage.Controller } && p.Fraction >= 0.5)
                {
                    cancellation.Cancel();
                }
            };
            Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Run(folder.Path, cancellationToken: cancellation.Token));
        }

        var run = new RunFolder(folder.Path);
        Assert.True(run.IsComplete(1, PipelineStage.ArmNet));
        Assert.False(run.IsComplete(1, PipelineStage.Controller));
        Assert.True(File.Exists(run.File(1, PipelineFiles.ControllerTraining)), "the interrupted stage left no checkpoint to resume from");

        var resumed = new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU).Run(folder.Path);

        Assert.Equal(6, resumed.SkippedStages);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(reference.Path, "gen-1", PipelineFiles.CenterOutOnPlant)),
            File.ReadAllBytes(run.File(1, PipelineFiles.CenterOutOnPlant)));
        Assert.Equal(Summary(uninterrupted), Summary(resumed));
    }

    [Fact]
    public void A_folder_with_another_configuration_is_refused_unless_forced()
    {
        torch.set_num_threads(1);
        using var folder = new TemporaryFolder();
        var options = PointMassPipeline.Options();
        options.Generations = 1;
        new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU).Run(folder.Path);

        var changed = options.Clone();
        changed.ArmNet.Network.HiddenSize = 12;
        var error = Assert.Throws<RunConfigurationMismatchException>(() => new GenerationPipeline(changed, PointMassPipeline.Plants(), torch.CPU).Run(folder.Path));
        Assert.Contains("$.ArmNet.Network.HiddenSize: run has 16, requested 12", error.Message);
        Assert.Contains(Path.Combine(folder.Path, RunFolder.ConfigFileName), error.Message);

        var forced = new GenerationPipeline(changed, PointMassPipeline.Plants(), torch.CPU).Run(folder.Path, force: true);
        Assert.Equal(0, forced.SkippedStages);
        var stored = RunFolder.ReadJson(Path.Combine(folder.Path, RunFolder.ConfigFileName));
        Assert.Equal(12, stored["ArmNet"]!["Network"]!["HiddenSize"]!.GetValue<int>());
    }

    [Fact]
    public void A_warm_started_generation_trains_with_the_fine_tuning_options()
    {
        // Generation 0 trains with Training (6 iterations at 1e-2), generation 1 (warm-started) with FineTuning
        // (3 iterations at 1e-3): the histories say how many iterations ran and at which peak rate.
        torch.set_num_threads(1);
        using var folder = new TemporaryFolder();
        var options = PointMassPipeline.Options();
        options.Controller.Training.Optimization.Schedule.WarmupPeriods = 0;
        options.Controller.FineTuning = new ControllerFineTuningOptions { Iterations = 3, LearningRate = 1e-3, WarmupPeriods = 0 };
        var result = new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU).Run(folder.Path);

        var histories = new[] { 0, 1 }.Select(g => JsonNode.Parse(File.ReadAllText(result.RunFolder.File(g, PipelineFiles.ControllerHistory)))!.AsArray()).ToArray();
        Assert.Equal(6, histories[0].Count);
        Assert.Equal(3, histories[1].Count);
        Assert.Equal(6, result.RunFolder.ReadRecord(0, PipelineStage.Controller)["iterations"]!.GetValue<int>());
        Assert.Equal(3, result.RunFolder.ReadRecord(1, PipelineStage.Controller)["iterations"]!.GetValue<int>());
        var peak = histories.Select(h => h.Max(r => r!["LearningRate"]!.GetValue<double>())).ToArray();
        Assert.True(peak[0] > 1e-3 * 1.5, $"generation 0 peaked at {peak[0]}");
        Assert.InRange(peak[1], 0, 1e-3 * (1 + 1e-12));

        options.Controller.FineTuning.LearningRate = 0;
        var error = Assert.Throws<ArgumentException>(() => new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU));
        Assert.Contains("FineTuning: LearningRate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fine_tuning_replaces_only_the_run_length_the_peak_rate_and_the_warm_up()
    {
        var training = PointMassPipeline.Options().Controller.Training;
        var tuned = new ControllerFineTuningOptions { Iterations = 7, LearningRate = 3e-4, WarmupPeriods = 2 }.ApplyTo(training);
        Assert.Equal((7, 3e-4, 2), (tuned.Iterations, tuned.Optimization.LearningRate, tuned.Optimization.Schedule.WarmupPeriods));
        tuned.Iterations = training.Iterations;
        tuned.Optimization.LearningRate = training.Optimization.LearningRate;
        tuned.Optimization.Schedule.WarmupPeriods = training.Optimization.Schedule.WarmupPeriods;
        Assert.True(JsonNode.DeepEquals(training.ToJson(), tuned.ToJson()), "fine-tuning changed another training option");
        Assert.NotSame(training.Optimization, tuned.Optimization);
    }

    [Fact]
    public void Options_round_trip_through_json_and_unknown_keys_are_named()
    {
        var options = GenerationPipelineOptions.Poster();
        options.NewData.Mode = NewDataMode.OpenLoop;
        var json = options.ToJson().ToJsonString();
        var back = GenerationPipelineOptions.FromJson(json, "run.json");
        Assert.True(JsonNode.DeepEquals(options.ToJson(), back.ToJson()));

        var error = Assert.Throws<InvalidDataException>(() => GenerationPipelineOptions.FromJson("""{ "ArmNet": { "Hiden": 3 } }""", "run.json"));
        Assert.Contains("run.json", error.Message);
        Assert.Contains("Hiden", error.Message);
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_option_named()
    {
        var options = PointMassPipeline.Options();
        options.NewData.TestFraction = 1.5;
        options.ArmNet.Network.HiddenSize = 0;
        var error = Assert.Throws<ArgumentException>(() => new GenerationPipeline(options, PointMassPipeline.Plants(), torch.CPU));
        Assert.Contains("NewData.TestFraction", error.Message);
        Assert.Contains("ArmNet.Network: HiddenSize", error.Message);
    }

    private static string Summary(PipelineResult result) => string.Join(
        "\n",
        result.Generations.Select(g => $"{g.Generation}: " + string.Join(", ", g.ArmNetScores.Select(s => $"{s.ModelGeneration}/{s.DataGeneration} {s.HandX:R} {s.HandY:R} {s.Mean:R}"))
            + $" | {g.Controller.RealPlant.MeanEndpointError:R} {g.Controller.ArmNet.MeanEndpointError:R} {g.Controller.MeanEndpointGap:R}"));
}
