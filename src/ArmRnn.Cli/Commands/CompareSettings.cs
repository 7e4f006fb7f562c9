using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>Options of <c>armrnn compare</c>.</summary>
internal sealed class CompareSettings : CommandSettings
{
    [CommandOption("--reference <FILE>")]
    [Description("The reference .sto (e.g. a real OpenSim run).")]
    public string? Reference { get; init; }

    [CommandOption("--actual <FILE>")]
    [Description("The simulated .sto (e.g. from armrnn simulate --outputs all).")]
    public string? Actual { get; init; }

    [CommandOption("--markdown <FILE>")]
    [Description("Also write the per-channel table as markdown.")]
    public string? Markdown { get; init; }

    [CommandOption("--plots <DIR>")]
    [Description("Write overlay PNGs (joint angles, hand, activations, fiber lengths, tendon forces) into this folder.")]
    public string? Plots { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("A name for the run, used in titles and file names.")]
    [DefaultValue("run")]
    public string Name { get; init; } = "run";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Reference) || string.IsNullOrWhiteSpace(Actual)
            ? ValidationResult.Error("--reference and --actual are required (two .sto files).")
            : ValidationResult.Success();
}
