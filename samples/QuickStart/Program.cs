// QuickStart: compose a closed loop from a plant, a reaching task and a scripted controller.
using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Metrics;
using ArmRnn.Plants;
using ArmRnn.Randomness;
using ArmRnn.Tasks;

var plant = new PointMassPlant(dt: 0.01);                       // any IPlant: an OpenSim arm, ArmNet, your own
var controller = new PointMassReachController(plant);           // any IController: ControllerNet, a replay, ...
var task = new CenterOutTask(new CenterOutTaskOptions { Hand = PointMassPlant.Hand });

var start = new TrajectoryArray(batchSize: 8, steps: 1, channels: plant.Layout.Count);   // all at the origin
var trials = task.CreateBatch(8, steps: 100, plant.Dt, start, plant.Layout, new DeterministicRandom(seed: 1));
TrajectoryBatch result = new ClosedLoop(plant, controller).Run(start, trials.Inputs);

var outcomes = ReachMetrics.ComputeBatch(HandPath.Extract(result, PointMassPlant.Hand), trials.Trials, plant.Dt);
var summary = ReachMetrics.Summarize(outcomes, trials.Trials);
Console.WriteLine($"{result.BatchSize} reaches, {result.Steps} steps each; mean endpoint error {summary.MeanEndpointError * 1000:0.00} mm");
TrajectoryBatchHdf5.Write(args.Length > 0 ? args[0] : "quickstart.h5", result);
return 0;
