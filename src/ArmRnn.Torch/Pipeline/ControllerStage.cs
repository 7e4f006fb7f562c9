using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Pipeline;

/// <summary>Step 3 of the pipeline: ControllerNet generation k trained through the frozen ArmNet generation k on the
/// centre-out task (warm-started from generation k − 1 when asked). Resumes from its training checkpoint.</summary>
internal static class ControllerStage
{
    public static void Run(PipelineContext context, int generation)
    {
        var watch = Stopwatch.StartNew();
        var stage = context.Options.Controller;
        var layout = context.Plants.Plant.Layout;
        using var armNet = ArmNetCheckpoint.Load(context.Folder.File(generation, PipelineFiles.ArmNet), layout, context.Device);
        using var controller = Create(context, generation, armNet);
        var training = stage.TrainingFor(generation);
        training.Seed = context.Seeds.ControllerTraining(generation);
        training.CheckpointPath = context.Folder.File(generation, PipelineFiles.ControllerTraining);
        training.ResumeFromCheckpoint = true;
        var trainer = new ControllerTrainer(training);
        trainer.ProgressReported += (_, r) => context.Report(
            generation,
            PipelineStage.Controller,
            (r.Iteration + 1.0) / r.Iterations,
            string.Create(CultureInfo.InvariantCulture, $"iteration {r.Iteration + 1}/{r.Iterations}: loss {r.Loss:G4}, hand {r.MeanFinalDistance * 100:F2} cm from target on ArmNet"));
        var result = trainer.Train(controller, armNet, new CenterOutTask(stage.Task), context.Plants.TrainingStarts, cancellationToken: context.CancellationToken);

        var metadata = training.ToJson();
        metadata[ControllerNetCheckpoint.TaskMetadataKey] = JsonSerializer.SerializeToNode(stage.Task, CheckpointFile.JsonOptions);
        ControllerNetCheckpoint.Save(context.Folder.File(generation, PipelineFiles.Controller), controller, generation, training.Seed, metadata);
        RunFolder.WriteJson(
            context.Folder.File(generation, PipelineFiles.ControllerHistory),
            JsonSerializer.SerializeToNode(result.Reports, CheckpointFile.JsonOptions)!);
        File.Delete(training.CheckpointPath);
        var resumedSeconds = result.ResumedFromIteration > 0
            ? result.Reports.Where(r => r.Iteration < result.ResumedFromIteration).Sum(r => r.Seconds) * training.ReportEvery
            : 0;
        context.Folder.Complete(generation, PipelineStage.Controller, new JsonObject
        {
            ["seconds"] = watch.Elapsed.TotalSeconds + resumedSeconds,
            ["iterations"] = training.Iterations,
            ["final_loss"] = result.Reports.Count > 0 ? result.Reports[^1].Loss : double.NaN,
            ["final_distance_on_armnet_m"] = result.Reports.Count > 0 ? result.Reports[^1].MeanFinalDistance : double.NaN,
            ["warm_started"] = stage.WarmStart && generation > 0,
        });
    }

    private static ControllerNet Create(PipelineContext context, int generation, ArmNet armNet)
    {
        var stage = context.Options.Controller;
        if (stage.WarmStart && generation > 0)
        {
            return ControllerNetCheckpoint.Load(context.Folder.File(generation - 1, PipelineFiles.Controller), armNet.Layout, context.Device);
        }

        torch.manual_seed(context.Seeds.ControllerWeights(generation));
        return new ControllerNet(armNet.Layout, ReachTaskInputs.Names, armNet.ExcitationNames, armNet.Normalization, stage.Network, context.Device);
    }
}
