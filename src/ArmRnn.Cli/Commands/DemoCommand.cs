using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Metrics;
using ArmRnn.Plants;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn demo</c>: centre-out reaches of the linear point-mass plant under the scripted reach controller, in
/// closed loop; prints the reach metrics per target and writes the trajectories to HDF5.
/// </summary>
internal sealed class DemoCommand(IAnsiConsole console) : Command<DemoSettings>
{
    public override int Execute(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        var plant = new PointMassPlant(settings.Dt);
        var controller = new PointMassReachController(plant);
        var task = new CenterOutTask(new CenterOutTaskOptions
        {
            TargetCount = settings.Targets,
            Radius = settings.Radius,
            GoCueTime = 0.2,
            MovementTime = 0.5,
            Hand = PointMassPlant.Hand,
        });
        var steps = (int)Math.Round(settings.Duration / settings.Dt);
        var start = new TrajectoryArray(settings.Targets, 1, plant.Layout.Count);
        var trials = task.CreateBatch(settings.Targets, steps, settings.Dt, start, plant.Layout, new DeterministicRandom(1));

        var batch = new ClosedLoop(plant, controller).Run(start, trials.Inputs, 0, cancellationToken)
            .WithProvenance([new("demo", "armrnn demo"), new("task", task.Description)]);
        var outcomes = ReachMetrics.ComputeBatch(HandPath.Extract(batch, PointMassPlant.Hand), trials.Trials, settings.Dt);
        TrajectoryBatchHdf5.Write(settings.Output, batch);

        var table = new Table().Title("Centre-out reaches of the point-mass plant (closed loop, scripted controller)");
        table.AddColumns("target", "angle (deg)", "endpoint error (mm)", "max deviation (mm)", "peak speed (m/s)", "movement time (s)");
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            table.AddRow(
                i.ToString(CultureInfo.InvariantCulture),
                (task.TargetAngle(i) * 180 / Math.PI).ToString("0", CultureInfo.InvariantCulture),
                (o.EndpointError * 1000).ToString("0.00", CultureInfo.InvariantCulture),
                (o.MaxDeviation * 1000).ToString("0.00", CultureInfo.InvariantCulture),
                o.PeakSpeed.ToString("0.000", CultureInfo.InvariantCulture),
                double.IsNaN(o.MovementTime) ? "-" : o.MovementTime.ToString("0.00", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var summary = ReachMetrics.Summarize(outcomes, trials.Trials);
        console.MarkupLineInterpolated(
            $"Mean endpoint error {summary.MeanEndpointError * 1000:0.00} mm over {summary.TrialCount} reaches of {settings.Radius * 100:0.#} cm. Trajectories: [blue]{Path.GetFullPath(settings.Output)}[/]");
        return 0;
    }
}
