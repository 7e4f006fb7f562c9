// A user's own IPlant in the generation pipeline: any plant that implements IPlant (here a planar two-joint arm
// with four muscle-like actuators, TwoJointArm.cs) gets ArmNet and ControllerNet generations and their evaluation.
//
//   dotnet run --project samples/CustomPlant -c Release -- [run-folder] [--tiny]
using ArmRnn.Torch.Pipeline;
using CustomPlant;

var folder = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine("runs", "custom-plant-sample");
var tiny = args.Contains("--tiny");

var options = GenerationPipelineOptions.Quick();
options.Controller.Task.Hand = TwoJointArm.Hand;     // the task scores the hand channels of this plant's layout
options.Controller.Task.Radius = 0.05;
options.InitialData.Excitation.Max = 0.6;
if (tiny)
{
    options.InitialData.Trajectories = 24;
    options.NewData.Trajectories = 16;
    options.ArmNet.Network.HiddenSize = 16;
    options.ArmNet.Training.Epochs = 2;
    options.Controller.Network.HiddenSize = 16;
    options.Controller.Training.Iterations = 3;
    options.Controller.FineTuning = new ControllerFineTuningOptions { Iterations = 2 };
    options.Controller.Training.BatchSize = 8;
}

// The real plant (generation-0 starts within ±0.3 rad), the controller's training starts (±0.05 rad) and the
// evaluation's home posture (exactly the centre).
var plants = new PipelinePlants(new TwoJointArm(postureRange: 0.3), new TwoJointArm(postureRange: 0.05), new TwoJointArm(postureRange: 0));
var result = new GenerationPipeline(options, plants).Run(folder);
foreach (var generation in result.Generations)
{
    var own = generation.ArmNetScores.Single(s => s.ModelGeneration == generation.Generation && s.DataGeneration == generation.Generation);
    Console.WriteLine($"gen {generation.Generation}: ArmNet hand VAF x {own.HandX:F2}% y {own.HandY:F2}%; ControllerNet endpoint error {generation.Controller.RealPlant.MeanEndpointError * 100:F2} cm on the plant, {generation.Controller.ArmNet.MeanEndpointError * 100:F2} cm on ArmNet");
}

return 0;
