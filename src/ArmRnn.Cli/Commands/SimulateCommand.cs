using System.Diagnostics;
using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.OpenSim.Model;
using ArmRnn.OpenSim.Native;
using ArmRnn.OpenSim.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn simulate</c>: a forward simulation of a model from a controls file, written as an OpenSim .sto: on the
/// managed engine (OpenSim models, OpenSim's column names) or on a native engine (<c>--engine native-opensim</c> or
/// <c>native-mujoco</c>, the engine's channel names).
/// </summary>
internal sealed class SimulateCommand(IAnsiConsole console) : Command<SimulateSettings>
{
    public override int Execute(CommandContext context, SimulateSettings settings, CancellationToken cancellationToken)
    {
        return settings.Engine == "managed" ? ExecuteManaged(settings, cancellationToken) : ExecuteNative(settings, cancellationToken);
    }

    private int ExecuteManaged(SimulateSettings settings, CancellationToken cancellationToken)
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

    private int ExecuteNative(SimulateSettings settings, CancellationToken cancellationToken)
    {
        var modelPath = RequireFile(settings.Model, "--model");
        var options = new NativePlantOptions
        {
            Engine = settings.Engine == "native-mujoco" ? NativeEngine.MuJoCo : NativeEngine.OpenSim,
            ModelPath = modelPath,
            ControlStep = settings.Dt,
            Accuracy = settings.Accuracy,
            IntegrationStep = settings.Integrator == "fixed" ? settings.FixedStep : 0,
            LibraryPath = settings.NativeLibrary,
        };
        NativePlant plant;
        try
        {
            plant = new NativePlant(options);
        }
        catch (DllNotFoundException missing)
        {
            // One clear line (what to install and build) rather than a stack trace.
            throw new InvalidOperationException(missing.Message, missing);
        }

        using (plant)
        {
            var controlsPath = RequireFile(settings.Controls!, "--controls");
            var (schedule, lastControlTime) = ReadControls(controlsPath, plant.ExcitationNames, settings.Duration);
            var duration = settings.Duration ?? lastControlTime;
            var steps = (int)Math.Round(duration / settings.Dt);
            if (steps < 1 || Math.Abs((steps * settings.Dt) - duration) > 1e-9 * Math.Max(1, duration))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--duration ({duration} s) must be a positive whole number of --dt steps ({settings.Dt} s) on a native engine."));
            }

            var requested = plant.DefaultState;
            if (settings.InitialState is not null)
            {
                ApplyInitialState(RequireFile(settings.InitialState, "--initial-state"), plant, requested);
            }

            var states = new TrajectoryArray(1, steps + 1, plant.Layout.Count);
            var times = Enumerable.Range(0, steps + 1).Select(t => t * settings.Dt).ToArray();
            var clock = Stopwatch.StartNew();
            console.Status().Start($"Simulating {duration.ToString("0.###", CultureInfo.InvariantCulture)} s of {Path.GetFileName(modelPath)} ({settings.Engine})...", _ =>
            {
                plant.Reset(requested, states.At(0, 0));
                var excitations = new double[plant.ExcitationNames.Count];
                for (var step = 0; step < steps; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    schedule.Evaluate((step + 0.5) * settings.Dt, excitations);
                    plant.Step(excitations, states.At(0, step + 1));
                }
            });
            var elapsed = clock.Elapsed.TotalSeconds;
            var channels = settings.Outputs == "all" ? plant.Layout : plant.Layout.Select($"{plant.Layout.Name}:states", plant.EngineStateChannels);
            StorageFile.Write(settings.Output!, new SimulationResult(plant.Layout, times, states).ToStorageTable(channels));
            console.MarkupLineInterpolated(
                $"Wrote {times.Length} rows x {channels.Count} channels to [blue]{Path.GetFullPath(settings.Output!)}[/] ({duration / elapsed:0.#}x real time, {settings.Engine}, {plant.LibraryPath}).");
            return 0;
        }
    }

    /// <summary>Reads the reset inputs of <paramref name="plant"/> (coordinates, speeds, activations) that the first
    /// row of a .sto has; the others keep their default values.</summary>
    private static void ApplyInitialState(string path, NativePlant plant, double[] requested)
    {
        var table = StorageFile.Read(path);
        if (table.InDegrees)
        {
            table = table.ConvertDegreesToRadians(plant.ResetInputChannels.Where(n => table.Contains(n) && plant.Layout[n].Unit is "rad" or "rad/s"));
        }

        var found = 0;
        foreach (var name in plant.ResetInputChannels.Where(table.Contains))
        {
            requested[plant.Layout.IndexOf(name)] = table[0, name];
            found++;
        }

        if (found == 0)
        {
            throw new InvalidDataException(
                $"{path}: none of the model's initial-state channels is a column ({string.Join(", ", plant.ResetInputChannels.Take(4))}, ...).");
        }
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
