using ArmRnn.Tasks;
using ArmRnn.Torch.Pipeline;

namespace ArmRnn.Cli.Configuration;

/// <summary>The <c>Controller</c> section of <c>armrnn generate</c>'s configuration: data made by a trained
/// ControllerNet reaching centre-out targets from sampled starting states, with exploration noise on its excitations
/// (as the pipeline makes the data of later generations).</summary>
internal sealed class ControllerDataConfiguration
{
    /// <summary>The ControllerNet checkpoint (<c>--controller</c>).</summary>
    public string? Checkpoint { get; set; }

    /// <summary>Closed loop on the real plant (default) or open loop on ArmNet replayed on the real plant (<c>--mode</c>).</summary>
    public NewDataMode Mode { get; set; } = NewDataMode.ClosedLoop;

    /// <summary>The ArmNet checkpoint the controller drives in open loop (<c>--armnet</c>).</summary>
    public string? ArmNet { get; set; }

    /// <summary>Standard deviation of the Gaussian noise added to every excitation (<c>--noise</c>, default 0.05).</summary>
    public double ExplorationNoiseStd { get; set; } = 0.05;

    /// <summary>The reaching task; null (default) for the task stored in the controller checkpoint by
    /// <c>armrnn train-controller</c> (the pipeline's default task when the checkpoint has none).</summary>
    public CenterOutTaskOptions? Task { get; set; }
}
