using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Loops;
using ArmRnn.Metrics;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;

namespace ArmRnn.Torch.Pipeline;

/// <summary>Scores generation k: ArmNet k on the test data of generations 0..k and ArmNets 0..k−1 on generation k's
/// (the generation matrix), and ControllerNet k on the centre-out task, one reach per target from the home posture,
/// on the real plant and on ArmNet k. Writes the reaches and ArmNet's test predictions for the report.</summary>
internal static class EvaluationStage
{
    public static void Run(PipelineContext context, int generation)
    {
        var watch = Stopwatch.StartNew();
        var layout = context.Plants.Plant.Layout;
        var hand = context.Options.Controller.Task.Hand;
        var scores = new List<ArmNetScore>();
        using (var armNet = ArmNetCheckpoint.Load(context.Folder.File(generation, PipelineFiles.ArmNet), layout, context.Device))
        {
            for (var data = 0; data <= generation; data++)
            {
                context.Report(generation, PipelineStage.Evaluation, data / (generation + 2.0), $"ArmNet gen {generation} on gen {data} test data");
                var test = TrajectoryBatchHdf5.Read(context.Folder.File(data, PipelineFiles.TestData));
                scores.Add(Score(armNet, generation, data, test, hand));
                if (data == generation)
                {
                    WritePredictions(context, generation, armNet, test);
                }
            }
        }

        var newest = TrajectoryBatchHdf5.Read(context.Folder.File(generation, PipelineFiles.TestData));
        for (var model = 0; model < generation; model++)
        {
            using var earlier = ArmNetCheckpoint.Load(context.Folder.File(model, PipelineFiles.ArmNet), layout, context.Device);
            scores.Add(Score(earlier, model, generation, newest, hand));
        }

        context.Report(generation, PipelineStage.Evaluation, (generation + 1.0) / (generation + 2.0), $"ControllerNet gen {generation} on the centre-out task");
        var controller = EvaluateController(context, generation);
        var seconds = watch.Elapsed.TotalSeconds;
        context.Folder.Complete(generation, PipelineStage.Evaluation, new JsonObject
        {
            ["seconds"] = seconds,
            ["armnet_scores"] = JsonSerializer.SerializeToNode(scores, CheckpointFile.JsonOptions),
            ["controller"] = JsonSerializer.SerializeToNode(controller, CheckpointFile.JsonOptions),
        });
        context.Report(generation, PipelineStage.Evaluation, 1, "evaluated");
    }

    /// <summary>Reads a completed evaluation record back.</summary>
    public static (IReadOnlyList<ArmNetScore> Scores, ControllerEvaluation Controller) Read(RunFolder folder, int generation)
    {
        var record = folder.ReadRecord(generation, PipelineStage.Evaluation);
        var path = folder.StageRecordPath(generation, PipelineStage.Evaluation);
        var scores = record["armnet_scores"].Deserialize<List<ArmNetScore>>(CheckpointFile.JsonOptions)
            ?? throw new InvalidDataException($"{path}: 'armnet_scores' is missing.");
        var controller = record["controller"].Deserialize<ControllerEvaluation>(CheckpointFile.JsonOptions)
            ?? throw new InvalidDataException($"{path}: 'controller' is missing.");
        return (scores, controller);
    }

    private static ArmNetScore Score(ArmNet network, int model, int data, TrajectoryBatch test, HandChannels hand)
    {
        var channels = ArmNetTrainer.Evaluate(network, test);
        return new ArmNetScore(model, data, channels.VafOf(hand.X), channels.VafOf(hand.Y), channels.MeanVaf);
    }

    private static void WritePredictions(PipelineContext context, int generation, ArmNet armNet, TrajectoryBatch test)
    {
        var predicted = armNet.Predict(test.InitialStates, test.Excitations);
        var batch = new TrajectoryBatch(test.Layout, test.ExcitationNames, test.Dt, test.InitialStates, test.Excitations, predicted, test.TaskInputs, generation,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = $"ArmNet gen {generation} predictions of the gen {generation} test data" });
        TrajectoryBatchHdf5.Write(context.Folder.File(generation, PipelineFiles.TestPredictions), batch);
    }

    private static ControllerEvaluation EvaluateController(PipelineContext context, int generation)
    {
        var layout = context.Plants.Plant.Layout;
        using var armNet = ArmNetCheckpoint.Load(context.Folder.File(generation, PipelineFiles.ArmNet), layout, context.Device);
        using var controller = ControllerNetCheckpoint.Load(context.Folder.File(generation, PipelineFiles.Controller), layout, context.Device);
        var (evaluation, onPlant, onArmNet) = CenterOutEvaluation.Run(
            context.Plants.Plant,
            context.Plants.Home,
            armNet,
            controller,
            context.Options.Controller.Task,
            context.Options.Controller.Training.Steps,
            context.Seeds.Evaluation(generation),
            generation,
            context.CancellationToken);
        TrajectoryBatchHdf5.Write(context.Folder.File(generation, PipelineFiles.CenterOutOnPlant), onPlant.WithProvenance([new("source", $"ControllerNet gen {generation} on the real plant, centre-out")]));
        TrajectoryBatchHdf5.Write(context.Folder.File(generation, PipelineFiles.CenterOutOnArmNet), onArmNet.WithProvenance([new("source", $"ControllerNet gen {generation} on ArmNet gen {generation}, centre-out")]));
        return evaluation;
    }
}
