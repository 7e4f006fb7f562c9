// ArmRnn sample: open up a ControllerNet. Trains a small ArmNet and ControllerNet on the point-mass plant for a few
// seconds (or loads point-mass checkpoints), records it on eight centre-out reaches, and prints the population
// structure (PCA, jPCA, tangling) and the closed-loop fixed points per target.
//
//   dotnet run --project samples/Analysis                      # quick: small networks, brief training (seconds)
//   dotnet run --project samples/Analysis -- --full            # larger networks, longer training (minutes)
//   dotnet run --project samples/Analysis -- --armnet a.ckpt --checkpoint c.ckpt [--out recording.h5]
using System.Diagnostics;
using System.Globalization;
using ArmRnn.Datasets;
using ArmRnn.Excitation;
using ArmRnn.Plants;
using ArmRnn.Tasks;
using ArmRnn.Torch.Analysis;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;
using TorchSharp;

var watch = Stopwatch.StartNew();
var full = args.Contains("--full");
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
torch.set_num_threads(1);
var plant = new PointMassPlant();
var task = new CenterOutTask(new CenterOutTaskOptions { Hand = PointMassPlant.Hand, Radius = 0.03, GoCueTime = 0.2, MovementTime = 0.5 });

ArmNet armNet;
ControllerNet controller;
if (Option("--armnet") is { } armPath && Option("--checkpoint") is { } controllerPath)
{
    armNet = ArmNetCheckpoint.Load(armPath, plant.Layout, torch.CPU);
    controller = ControllerNetCheckpoint.Load(controllerPath, plant.Layout, torch.CPU);
    Console.WriteLine($"Loaded {armPath} and {controllerPath}.");
}
else
{
    var data = new GeneratedDatasetSource(
        plant,
        new SmoothRandomExcitation(new SmoothRandomExcitationOptions { CutoffFrequency = 2.0 }),
        new DatasetShapeOptions { BatchSize = full ? 160 : 48, BatchCount = 1, Steps = 100, Seed = 21 }).ReadBatches().Single();
    torch.manual_seed(1);
    armNet = new ArmNet(data.Layout, data.ExcitationNames, data.Dt, ChannelNormalization.FromData(data, data.Layout), new ArmNetOptions { HiddenSize = full ? 64 : 24 }, torch.CPU);
    var armOptions = ArmNetTrainingOptions.Default();
    armOptions.Epochs = full ? 60 : 8;
    armOptions.BatchSize = 16;
    armOptions.Optimization.LearningRate = 0.02;
    armOptions.EarlyStoppingPatience = 0;
    new ArmNetTrainer(armOptions).Train(armNet, data);
    torch.manual_seed(2);
    controller = new ControllerNet(armNet.Layout, ReachTaskInputs.Names, armNet.ExcitationNames, armNet.Normalization, new ControllerNetOptions { HiddenSize = full ? 64 : 24 }, torch.CPU);
    var controllerOptions = ControllerTrainingOptions.Default();
    controllerOptions.Iterations = full ? 250 : 25;
    controllerOptions.BatchSize = full ? 32 : 8;
    controllerOptions.Steps = 80;
    controllerOptions.Optimization.LearningRate = 1e-2;
    new ControllerTrainer(controllerOptions).Train(controller, armNet, task, plant);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trained ArmNet ({armNet.Options.HiddenSize} units) and ControllerNet ({controller.Options.HiddenSize} units) in {watch.Elapsed.TotalSeconds:F1} s."));
}

using (armNet)
using (controller)
{
    var options = new ControllerAnalysisOptions
    {
        Recording = new RecordingOptions { TrialsPerCondition = 4, Steps = 90, StepsBefore = 10, StepsAfter = 70 },
        FixedPoints = new FixedPointOptions { MaxIterations = full ? 3000 : 600 },
        StartsPerTarget = full ? 64 : 16,
    };
    var result = ControllerAnalysis.Run(controller, armNet, task, options, new ConsoleProgress());
    if (Option("--out") is { } output)
    {
        PopulationRecordingHdf5.Write(output, result.Average);
        Console.WriteLine($"Condition averages written to {Path.GetFullPath(output)}.");
    }

    var c = CultureInfo.InvariantCulture;
    var pca = result.Components;
    Console.WriteLine(string.Create(c, $"PCA: PC1-3 explain {pca.CumulativeVarianceExplained[Math.Min(2, pca.Count - 1)] * 100:F1}% of the averaged hidden-state variance ({string.Join(", ", pca.VarianceExplained.Take(3).Select(v => (v * 100).ToString("F1", c)))}%)."));
    Console.WriteLine(string.Create(c, $"jPCA: R² best {result.JPca.RSquaredBest:F3}, skew-symmetric {result.JPca.RSquaredSkew:F3}; first plane rotates at {(result.JPca.Planes.Count > 0 ? result.JPca.Planes[0].Frequency : 0):F2} rad/s."));
    var q = result.Tangling.All.OrderBy(v => v).ToArray();
    Console.WriteLine(string.Create(c, $"Tangling: median {q[q.Length / 2]:G4}, max {q[^1]:G4} 1/s² (ε = {result.Tangling.Epsilon:G3})."));
    foreach (var target in result.FixedPoints)
    {
        var points = target.Result.Points;
        var description = string.Join("; ", points.Select(p => string.Create(c, $"{(p.IsStable ? "stable" : $"{p.UnstableDirections} unstable")}, |λ|max {p.Spectrum!.SpectralRadius:F4}, τ {-1 / p.Spectrum.ContinuousEigenvalues[0].Real:G3} s")));
        Console.WriteLine(string.Create(c, $"Target {target.Target} ({task.TargetAngle(target.Target) * 180 / Math.PI:F0}°): {points.Count} fixed point(s): {description}"));
    }

    Console.WriteLine(string.Create(c, $"Done in {watch.Elapsed.TotalSeconds:F1} s."));
}

return 0;

/// <summary>Prints each analysis stage.</summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    public void Report(string value) => Console.WriteLine($"  {value} ...");
}
