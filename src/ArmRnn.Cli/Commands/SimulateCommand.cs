using System.Diagnostics;
using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.OpenSim.Model;
using ArmRnn.OpenSim.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn simulate</c>: a forward simulation of an OpenSim model on the managed engine from a controls file,
/// written as an OpenSim .sto with OpenSim's column names.
/// </summary>
internal sealed class SimulateCommand(IAnsiConsole console) : Command<SimulateSettings>
{
    public override int Execute(CommandContext context, SimulateSettings settings, CancellationToken cancellationToken)
    {
        var model = settings.Model == "arm26" ? Arm26Model.Create() : OsimModelReader.Read(RequireFile(settings.Model, "--model"));
        var markers = settings.Model == "arm26" ? new[] { Arm26Layout.HandMarker } : null;
        var options = new OpenSimPlantOptions
        {
            Accuracy = settings.Accuracy,
            Integrator = settings.Integrator == "fixed" ? IntegratorKind.FixedStepRungeKutta : IntegratorKind.RungeKuttaMerson,
            FixedStepSize = settings.FixedStep,
        };
        var simulator = new ArmSimulator(model, options, markers);
        var controlsPath = RequireFile(settings.Controls!, "--controls");
        var (schedule, lastControlTime) = ReadControls(controlsPath, simulator.MuscleNames, settings.Duration);
        var duration = settings.Duration ?? lastControlTime;
        if (!(duration > 0))
        {
            throw new ArgumentException($"{controlsPath}: the controls end at t = {lastControlTime} s; give --duration.");
        }

        var (q, u, a) = settings.InitialState is null
            ? (new double[simulator.Coordinates.Count], new double[simulator.Coordinates.Count], new double[simulator.MuscleNames.Count])
            : ReadInitialState(RequireFile(settings.InitialState, "--initial-state"), simulator);

        var clock = Stopwatch.StartNew();
        SimulationResult result = null!;
        console.Status().Start($"Simulating {duration.ToString("0.###", CultureInfo.InvariantCulture)} s of {model.Name}...", _ =>
        {
            result = simulator.Run(schedule, q, u, a, duration, settings.Dt, cancellationToken);
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        var channels = settings.Outputs == "all" ? simulator.Layout : simulator.OpenSimStatesLayout;
        StorageFile.Write(settings.Output!, result.ToStorageTable(channels));
        console.MarkupLineInterpolated(
            $"Wrote {result.Times.Count} rows x {channels.Count} channels to [blue]{Path.GetFullPath(settings.Output!)}[/] ({duration / elapsed:0.#}x real time, {simulator.LastRunEvaluations} derivative evaluations).");
        return 0;
    }

    private static string RequireFile(string path, string option) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{option}: no file '{path}'.", path);

    private static (IExcitationSchedule Schedule, double LastTime) ReadControls(string path, IReadOnlyList<string> muscles, double? duration)
    {
        if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            var controls = ControlSetFile.Read(path);
            // Sample at every node of every control (and at the ends), so linear interpolation between samples
            // reproduces the ControlSet's own linear interpolation exactly.
            var nodes = controls.Controls.OfType<LinearControl>().SelectMany(c => c.Nodes.Select(n => n.Time)).ToList();
            var end = duration ?? (nodes.Count > 0 ? nodes.Max() : 0);
            var times = nodes.Where(t => t > 0 && t < end).Append(0).Append(end).Distinct().Order().ToArray();
            return (InterpolatedExcitations.FromControlSet(controls, muscles, times), end);
        }

        var table = StorageFile.Read(path);
        return (InterpolatedExcitations.FromStorage(table, muscles), table.Time(table.RowCount - 1));
    }

    private static (double[] Q, double[] U, double[] A) ReadInitialState(string path, ArmSimulator simulator)
    {
        var table = StorageFile.Read(path);
        var coordinateColumns = simulator.Coordinates.SelectMany(c => new[]
        {
            OpenSimChannelNames.CoordinateValue(c.Joint, c.Coordinate),
            OpenSimChannelNames.CoordinateSpeed(c.Joint, c.Coordinate),
        }).ToArray();
        if (table.InDegrees)
        {
            table = table.ConvertDegreesToRadians(coordinateColumns.Where(table.Contains));
        }

        var q = simulator.Coordinates.Select(c => table[0, OpenSimChannelNames.CoordinateValue(c.Joint, c.Coordinate)]).ToArray();
        var u = simulator.Coordinates.Select(c => table[0, OpenSimChannelNames.CoordinateSpeed(c.Joint, c.Coordinate)]).ToArray();
        var a = simulator.MuscleNames.Select(m => table[0, OpenSimChannelNames.MuscleState(m, "activation")]).ToArray();
        return (q, u, a);
    }
}
