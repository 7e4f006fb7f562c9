using ArmRnn.Cli.Commands;

namespace ArmRnn.Cli.Configuration;

/// <summary>The effective configuration of <c>armrnn report</c>.</summary>
internal sealed class ReportConfiguration
{
    /// <summary>The pipeline run folder (<c>--run</c>).</summary>
    public string? Run { get; set; }

    public static ReportConfiguration Resolve(ReportSettings settings)
    {
        var c = CommandConfigurationFile.ReadOrDefault(settings.Config, () => new ReportConfiguration());
        c.Run = settings.Run ?? c.Run;
        return c;
    }
}
