namespace ArmRnn.Reporting;

/// <summary>The plot files of a report (names relative to the plot folder).</summary>
internal sealed class ReportPlots
{
    public Dictionary<int, IReadOnlyList<string>> Overlays { get; } = [];

    public Dictionary<int, string> Reaches { get; } = [];

    public Dictionary<int, string> Speeds { get; } = [];

    public string? ArmNetTraining { get; set; }

    public string? ControllerTraining { get; set; }
}
