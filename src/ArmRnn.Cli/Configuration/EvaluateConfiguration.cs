using ArmRnn.Cli.Commands;
using ArmRnn.Tasks;

namespace ArmRnn.Cli.Configuration;

/// <summary>The effective configuration of <c>armrnn evaluate</c>: the <c>--config</c> file (or the defaults), then
/// the flags.</summary>
internal sealed class EvaluateConfiguration
{
    /// <summary>The ArmNet checkpoint (<c>--armnet</c>).</summary>
    public string? ArmNet { get; set; }

    /// <summary>Test data to score ArmNet on (<c>--data</c>); may be empty when <see cref="Controller"/> is set.</summary>
    public IReadOnlyList<string> Data { get; set; } = [];

    /// <summary>The ControllerNet checkpoint to run on the centre-out task (<c>--controller</c>), or null.</summary>
    public string? Controller { get; set; }

    /// <summary>Where to write the numbers as JSON (<c>--json</c>), or null.</summary>
    public string? Json { get; set; }

    /// <summary>Seed of the reach trials (default 1).</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Control steps per reach; null for the controller's training trial length (stored in its checkpoint).</summary>
    public int? Steps { get; set; }

    /// <summary>The centre-out task; null for the one stored in the controller checkpoint.</summary>
    public CenterOutTaskOptions? Task { get; set; }

    /// <summary>How many of the worst-predicted channels to list (default 5).</summary>
    public int LowestChannels { get; set; } = 5;

    /// <summary>The real plant of the reaches (the reaches start at its centre posture).</summary>
    public PlantConfiguration Plant { get; set; } = new();

    /// <summary>TorchSharp CPU threads (null: TorchSharp's default).</summary>
    public int? Threads { get; set; }

    /// <summary>The device (null: CUDA when available, else CPU).</summary>
    public string? Device { get; set; }

    public static EvaluateConfiguration Resolve(EvaluateSettings settings)
    {
        var source = CommandConfigurationFile.Source(settings.Config);
        var c = CommandConfigurationFile.ReadOrDefault(settings.Config, () => new EvaluateConfiguration());
        c.Plant ??= new PlantConfiguration();
        c.ArmNet = settings.ArmNet ?? c.ArmNet;
        c.Data = settings.Data is { Length: > 0 } data ? data : c.Data ?? [];
        c.Controller = settings.Controller ?? c.Controller;
        c.Json = settings.Json ?? c.Json;
        c.Seed = settings.Seed ?? c.Seed;
        c.Steps = settings.Steps ?? c.Steps;
        c.Threads = settings.Threads ?? c.Threads;
        c.Device = settings.Device ?? c.Device;
        c.Plant.Model = settings.Model ?? c.Plant.Model;
        c.Plant.Accuracy = settings.Accuracy ?? c.Plant.Accuracy;
        if (settings.Radius is { } radius)
        {
            if (c.Controller is null)
            {
                throw new ArgumentException("--radius only applies with --controller (the centre-out reaches).");
            }

            c.Task ??= ControllerCheckpointTask.Read(c.Controller, "--controller").Task;
            c.Task.Radius = radius;
        }

        PlantChecks.EnsureValid(c.Plant, source);
        if (c.Task is not null)
        {
            CommandConfigurationFile.EnsureValid(c.Task, nameof(Task), source);
        }

        if (c.Steps is < 1)
        {
            throw new ArgumentException($"{source}: --steps must be at least 1; it is {c.Steps}.");
        }

        if (c.LowestChannels < 0)
        {
            throw new ArgumentException($"{source}: LowestChannels must be at least 0; it is {c.LowestChannels}.");
        }

        if (c.Threads is < 1)
        {
            throw new ArgumentException($"{source}: Threads must be at least 1; it is {c.Threads}.");
        }

        return c;
    }
}
