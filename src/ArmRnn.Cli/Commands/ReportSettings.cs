using System.ComponentModel;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn report</c>.</summary>
internal sealed class ReportSettings : CommandSettings
{
    [CommandOption("--run <FOLDER>")]
    [Description("A pipeline run folder (holding config.json).")]
    public string? Run { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("Read the options from this JSON file (as printed by --print-config).")]
    public string? Config { get; init; }

    [CommandOption("--print-config")]
    [Description("Print the effective configuration as JSON and exit.")]
    public bool PrintConfig { get; init; }
}
