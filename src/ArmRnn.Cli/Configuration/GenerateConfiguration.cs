using ArmRnn.Cli.Commands;
using ArmRnn.Torch.Pipeline;

namespace ArmRnn.Cli.Configuration;

/// <summary>The effective configuration of <c>armrnn generate</c>: the <c>--config</c> file (or the defaults), then
/// the flags.</summary>
internal sealed class GenerateConfiguration
{
    /// <summary>The dataset file (<c>--out</c>).</summary>
    public string? Out { get; set; }

    /// <summary>When set, the last <see cref="InitialDataOptions.TestFraction"/> of the trajectories go to this file
    /// instead of <see cref="Out"/> (<c>--test-out</c>).</summary>
    public string? TestOut { get; set; }

    /// <summary>Seed of every random choice (default 1).</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>The plant.</summary>
    public PlantConfiguration Plant { get; set; } = new();

    /// <summary>How many trajectories of how many steps, and the excitation generator (used without
    /// <see cref="Controller"/>).</summary>
    public InitialDataOptions InitialData { get; set; } = new();

    /// <summary>When set, the data come from this controller instead of the excitation generator.</summary>
    public ControllerDataConfiguration? Controller { get; set; }

    /// <summary>TorchSharp CPU threads (null: TorchSharp's default).</summary>
    public int? Threads { get; set; }

    /// <summary>The networks' device (null: CUDA when available, else CPU).</summary>
    public string? Device { get; set; }

    public static GenerateConfiguration Resolve(GenerateSettings settings)
    {
        var source = CommandConfigurationFile.Source(settings.Config);
        var c = CommandConfigurationFile.ReadOrDefault(settings.Config, () => new GenerateConfiguration());
        c.Plant ??= new PlantConfiguration();
        c.InitialData ??= new InitialDataOptions();
        c.Out = settings.Out ?? c.Out;
        c.TestOut = settings.TestOut ?? c.TestOut;
        c.Seed = settings.Seed ?? c.Seed;
        c.Threads = settings.Threads ?? c.Threads;
        c.Device = settings.Device ?? c.Device;
        c.InitialData.Trajectories = settings.Trajectories ?? c.InitialData.Trajectories;
        c.InitialData.Steps = settings.Steps ?? c.InitialData.Steps;
        c.InitialData.Excitation.Min = settings.ExcitationMin ?? c.InitialData.Excitation.Min;
        c.InitialData.Excitation.Max = settings.ExcitationMax ?? c.InitialData.Excitation.Max;
        c.InitialData.Excitation.CutoffFrequency = settings.Cutoff ?? c.InitialData.Excitation.CutoffFrequency;
        c.Plant.Model = settings.Model ?? c.Plant.Model;
        c.Plant.Accuracy = settings.Accuracy ?? c.Plant.Accuracy;
        if (settings.Controller is not null)
        {
            c.Controller ??= new ControllerDataConfiguration();
            c.Controller.Checkpoint = settings.Controller;
        }

        if (c.Controller is null && (settings.Mode is not null || settings.ArmNet is not null || settings.Noise is not null))
        {
            throw new ArgumentException("--mode, --armnet and --noise only apply with --controller (data from a ControllerNet).");
        }

        if (c.Controller is not null)
        {
            c.Controller.Mode = settings.Mode switch
            {
                "closed" => NewDataMode.ClosedLoop,
                "open" => NewDataMode.OpenLoop,
                _ => c.Controller.Mode,
            };
            c.Controller.ArmNet = settings.ArmNet ?? c.Controller.ArmNet;
            c.Controller.ExplorationNoiseStd = settings.Noise ?? c.Controller.ExplorationNoiseStd;
            c.Plant.TrainingPostureRange = settings.PostureRange ?? c.Plant.TrainingPostureRange;
        }
        else
        {
            c.Plant.DataPostureRange = settings.PostureRange ?? c.Plant.DataPostureRange;
        }

        c.Validate(source);
        return c;
    }

    private void Validate(string source)
    {
        CommandConfigurationFile.EnsureValid(InitialData, nameof(InitialData), source);
        PlantChecks.EnsureValid(Plant, source);
        if (Threads is < 1)
        {
            throw new ArgumentException($"{source}: Threads must be at least 1; it is {Threads}.");
        }

        if (Controller is null)
        {
            return;
        }

        if (!Enum.IsDefined(Controller.Mode))
        {
            throw new ArgumentException($"{source}: Controller.Mode {Controller.Mode} is not a defined value (ClosedLoop or OpenLoop).");
        }

        if (Controller.Mode == NewDataMode.OpenLoop && string.IsNullOrWhiteSpace(Controller.ArmNet))
        {
            throw new ArgumentException($"{source}: --mode open needs --armnet (the ArmNet checkpoint the controller drives).");
        }

        if (!double.IsFinite(Controller.ExplorationNoiseStd) || Controller.ExplorationNoiseStd < 0)
        {
            throw new ArgumentException($"{source}: --noise must be finite and at least 0; it is {Controller.ExplorationNoiseStd}.");
        }

        if (Controller.Task is not null)
        {
            CommandConfigurationFile.EnsureValid(Controller.Task, "Controller.Task", source);
        }
    }
}
