using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Data;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Pipeline;

/// <summary>Step 2 of the pipeline: ArmNet generation k on generation k's training data plus the configured share of
/// earlier generations' (warm-started from generation k − 1 when asked). Resumes from its training checkpoint.</summary>
internal static class ArmNetStage
{
    public static void Run(PipelineContext context, int generation)
    {
        var watch = Stopwatch.StartNew();
        var stage = context.Options.ArmNet;
        var data = TrainingData(context, generation);
        using var network = Create(context, generation, data);
        var training = stage.Training.Clone();
        training.Seed = context.Seeds.ArmNetTraining(generation);
        training.Hand ??= context.Options.Controller.Task.Hand;
        if (stage.HandLossWeight != 1.0)
        {
            var weights = new Dictionary<string, double>(training.ChannelWeights ?? new Dictionary<string, double>(), StringComparer.Ordinal);
            weights.TryAdd(training.Hand.X, stage.HandLossWeight);
            weights.TryAdd(training.Hand.Y, stage.HandLossWeight);
            training.ChannelWeights = weights;
        }

        training.CheckpointPath = context.Folder.File(generation, PipelineFiles.ArmNetTraining);
        training.ResumeFromCheckpoint = true;
        var trainer = new ArmNetTrainer(training);
        trainer.EpochCompleted += (_, r) => context.Report(
            generation,
            PipelineStage.ArmNet,
            (r.Epoch + 1.0) / r.Epochs,
            string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch + 1}/{r.Epochs}: validation VAF hand x {r.HandXVaf:F2}% y {r.HandYVaf:F2}%, mean {r.MeanVaf:F2}%"));
        var result = trainer.Train(network, data, cancellationToken: context.CancellationToken);

        ArmNetCheckpoint.Save(context.Folder.File(generation, PipelineFiles.ArmNet), network, generation, training.Seed, training.ToJson());
        RunFolder.WriteJson(
            context.Folder.File(generation, PipelineFiles.ArmNetHistory),
            JsonSerializer.SerializeToNode(result.Reports, CheckpointFile.JsonOptions)!);
        File.Delete(training.CheckpointPath);
        context.Folder.Complete(generation, PipelineStage.ArmNet, new JsonObject
        {
            ["seconds"] = watch.Elapsed.TotalSeconds + result.Reports.Take(result.ResumedFromEpoch).Sum(r => r.Seconds),
            ["training_trajectories"] = data.BatchSize,
            ["epochs_run"] = result.Reports.Count,
            ["best_epoch"] = result.BestEpoch,
            ["stopped_early"] = result.StoppedEarly,
            ["warm_started"] = stage.WarmStart && generation > 0,
        });
    }

    /// <summary>Generation <paramref name="generation"/>'s training data plus the configured share of every earlier
    /// generation's.</summary>
    private static TrajectoryBatch TrainingData(PipelineContext context, int generation)
    {
        var parts = new List<TrajectoryBatch> { TrajectoryBatchHdf5.Read(context.Folder.File(generation, PipelineFiles.TrainingData)) };
        var fraction = context.Options.ArmNet.EarlierDataFraction;
        var random = context.Seeds.DataMix(generation);
        for (var earlier = 0; earlier < generation && fraction > 0; earlier++)
        {
            var batch = TrajectoryBatchHdf5.Read(context.Folder.File(earlier, PipelineFiles.TrainingData));
            var count = (int)Math.Round(batch.BatchSize * fraction);
            if (count == batch.BatchSize)
            {
                parts.Add(batch);
            }
            else if (count > 0)
            {
                var order = Enumerable.Range(0, batch.BatchSize).ToArray();
                var stream = random.Fork((ulong)earlier);
                for (var i = order.Length - 1; i > 0; i--)
                {
                    var j = stream.NextInt(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }

                parts.Add(batch.SelectBatch(order.Take(count).Order().ToArray()));
            }
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        // ArmNet reads excitations and states only: drop the task inputs (generation 0 has none) and cut every part to
        // the shortest trajectory length (a prefix of a trajectory is a trajectory).
        var steps = parts.Min(p => p.Steps);
        return TrajectoryBatch.Concatenate([.. parts.Select(p => ExcitationsAndStates(p, steps))]);
    }

    private static TrajectoryBatch ExcitationsAndStates(TrajectoryBatch batch, int steps) => new(
        batch.Layout,
        batch.ExcitationNames,
        batch.Dt,
        batch.InitialStates,
        batch.Excitations.SliceSteps(0, steps),
        batch.States.SliceSteps(0, steps),
        TaskInputSequence.None(batch.BatchSize, steps),
        batch.Generation,
        batch.Provenance);

    private static ArmNet Create(PipelineContext context, int generation, TrajectoryBatch data)
    {
        var stage = context.Options.ArmNet;
        if (stage.WarmStart && generation > 0)
        {
            return ArmNetCheckpoint.Load(context.Folder.File(generation - 1, PipelineFiles.ArmNet), data.Layout, context.Device);
        }

        torch.manual_seed(context.Seeds.ArmNetWeights(generation));
        return new ArmNet(data.Layout, data.ExcitationNames, data.Dt, ChannelNormalization.FromData(data, data.Layout), stage.Network, context.Device);
    }
}
