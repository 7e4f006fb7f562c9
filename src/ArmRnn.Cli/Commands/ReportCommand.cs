using ArmRnn.Cli.Configuration;
using ArmRnn.Reporting;
using ArmRnn.Torch.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary><c>armrnn report</c>: rewrites <c>report.md</c>, <c>report.json</c> and the plots of a pipeline run folder
/// from what the run wrote (nothing is recomputed).</summary>
internal sealed class ReportCommand(IAnsiConsole console) : Command<ReportSettings>
{
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var config = ReportConfiguration.Resolve(settings);
        if (settings.PrintConfig)
        {
            console.WriteLine(CommandConfigurationFile.ToJson(config));
            return 0;
        }

        var run = string.IsNullOrWhiteSpace(config.Run) ? throw new ArgumentException("--run: give the pipeline run folder (e.g. --run runs/quick).") : config.Run;
        if (!Directory.Exists(run))
        {
            throw new DirectoryNotFoundException($"--run: no folder '{run}'.");
        }

        if (!File.Exists(Path.Combine(run, RunFolder.ConfigFileName)))
        {
            throw new InvalidDataException($"--run {run}: not a pipeline run folder ({RunFolder.ConfigFileName} is missing).");
        }

        var report = PipelineReport.Write(run);
        console.MarkupLineInterpolated($"Report: [blue]{report}[/]");
        return 0;
    }
}
