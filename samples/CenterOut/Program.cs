// The generation pipeline through the library API, composed with dependency injection as a lab project would:
// Arm26 on the managed engine, ArmNet and ControllerNet generations, and the report.
//
//   dotnet run --project samples/CenterOut -c Release -- [run-folder] [--tiny]
//
// --tiny shrinks every size so the whole pipeline runs in well under a minute (the test uses it); without it the
// pipeline uses the Quick preset (minutes on a 2-core CPU).
using ArmRnn.Abstractions;
using ArmRnn.DependencyInjection;
using ArmRnn.OpenSim.DependencyInjection;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Reporting;
using ArmRnn.Torch.DependencyInjection;
using ArmRnn.Torch.Pipeline;
using Microsoft.Extensions.DependencyInjection;

var folder = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine("runs", "centerout-sample");
var tiny = args.Contains("--tiny");

var services = new ServiceCollection();
services.AddArmRnn(o => o.Seed = 11)
    .UseArm26Plant(o =>
    {
        o.InitialPosture = Arm26Plant.HomePosture;          // a posture the arm can hold at rest ...
        o.InitialActivation = Arm26Plant.HomeExcitation;    // ... with this co-contraction
        o.InitialPostureRangeFraction = 0.1;                // generation-0 starts: 10% of each range around it
    })
    .UsePipelinePlants(sp => new PipelinePlants(
        Plant: sp.GetRequiredService<IPlant>(),                // the Arm26 registered above
        TrainingStarts: new Arm26Plant(new OpenSimPlantOptions { InitialPosture = Arm26Plant.HomePosture, InitialActivation = Arm26Plant.HomeExcitation, InitialPostureRangeFraction = 0.05 }),
        Home: new Arm26Plant(new OpenSimPlantOptions { InitialPosture = Arm26Plant.HomePosture, InitialActivation = Arm26Plant.HomeExcitation, InitialPostureRangeFraction = 0 })))
    .AddGenerationPipeline(o =>
    {
        if (tiny)
        {
            o.InitialData.Trajectories = 24;
            o.InitialData.Steps = 80;
            o.NewData.Trajectories = 16;
            o.ArmNet.Network.HiddenSize = 16;
            o.ArmNet.Training.Epochs = 2;
            o.Controller.Network.HiddenSize = 16;
            o.Controller.Training.Iterations = 3;
            o.Controller.FineTuning = new ControllerFineTuningOptions { Iterations = 2 };
            o.Controller.Training.BatchSize = 8;
        }
    });

using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
var pipeline = provider.GetRequiredService<GenerationPipeline>();
pipeline.ProgressChanged += (_, p) =>
{
    if (p.Fraction >= 1)
    {
        Console.WriteLine($"generation {p.Generation}: {p.Stage} done ({p.Detail})");
    }
};

var result = pipeline.Run(folder);
var report = PipelineReport.Write(folder, result.Seconds);
var hand = pipeline.Options.Controller.Task.Hand;
Console.WriteLine(result.Matrix(hand.X, hand.Y).ToMarkdown([(hand.X, "X position"), (hand.Y, "Y position")]));
foreach (var generation in result.Generations)
{
    Console.WriteLine($"ControllerNet gen {generation.Generation}: mean endpoint error {generation.Controller.RealPlant.MeanEndpointError * 100:F2} cm on the real plant, {generation.Controller.ArmNet.MeanEndpointError * 100:F2} cm on ArmNet");
}

Console.WriteLine($"report: {report}");
return 0;
