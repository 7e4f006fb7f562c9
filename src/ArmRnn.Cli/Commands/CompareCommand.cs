using System.Globalization;
using System.Text;
using ArmRnn.Cli.Plotting;
using ArmRnn.Data;
using ArmRnn.Metrics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn compare</c>: how closely a simulation follows a reference run, per channel (RMSE, max error, VAF), as a
/// table, optional markdown and overlay plots.
/// </summary>
internal sealed class CompareCommand(IAnsiConsole console) : Command<CompareSettings>
{
    private const double Degrees = 180 / Math.PI;

    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var reference = StorageFile.Read(RequireFile(settings.Reference!, "--reference"));
        var actual = StorageFile.Read(RequireFile(settings.Actual!, "--actual"));
        var agreements = StorageComparison.Compare(reference, actual);

        var table = new Table().Title($"{settings.Name}: simulation vs reference ({agreements.Count} channels)");
        table.AddColumns("channel", "RMSE", "max |error|", "VAF (%)", "reference range");
        foreach (var a in agreements)
        {
            table.AddRow(Markup.Escape(a.Channel), Format(a.Rmse), Format(a.MaxAbsError), a.Vaf.ToString("0.000", CultureInfo.InvariantCulture), Format(a.ReferenceRange));
        }

        console.Write(table);
        if (settings.Markdown is not null)
        {
            AtomicFile.WriteText(settings.Markdown, writer => writer.Write(ToMarkdown(agreements)));
        }

        if (settings.Plots is not null)
        {
            WritePlots(settings.Plots, settings.Name, reference, actual);
        }

        return 0;
    }

    /// <summary>The per-channel table as markdown.</summary>
    public static string ToMarkdown(IReadOnlyList<ChannelAgreement> agreements)
    {
        var text = new StringBuilder();
        text.AppendLine("| channel | RMSE | max abs error | VAF (%) | reference range |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var a in agreements)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{a.Channel}` | {Format(a.Rmse)} | {Format(a.MaxAbsError)} | {a.Vaf:0.000} | {Format(a.ReferenceRange)} |");
        }

        return text.ToString();
    }

    private static void WritePlots(string folder, string name, StorageTable reference, StorageTable actual)
    {
        var muscles = reference.ColumnLabels
            .Where(l => l.StartsWith("/forceset/", StringComparison.Ordinal) && l.EndsWith("/activation", StringComparison.Ordinal))
            .Select(l => l["/forceset/".Length..^"/activation".Length])
            .ToArray();
        var angles = reference.ColumnLabels.Where(l => l.EndsWith("/value", StringComparison.Ordinal) && actual.Contains(l))
            .Select(l => (l, l.Split('/')[^2], Degrees)).ToList();
        Plot("joint_angles", "Joint angles", "angle (deg)", angles);
        Plot("hand", "Hand position", "position (m)",
            reference.ColumnLabels.Where(l => l.StartsWith("/markerset/", StringComparison.Ordinal) && actual.Contains(l))
                .Select(l => (l, l.Split('|')[^1], 1.0)).ToList());
        Plot("activations", "Activations", "activation", muscles.Select(m => ($"/forceset/{m}/activation", m, 1.0)).Where(c => actual.Contains(c.Item1)).ToList());
        Plot("fiber_lengths", "Fiber lengths", "fiber length (m)", muscles.Select(m => ($"/forceset/{m}/fiber_length", m, 1.0)).Where(c => actual.Contains(c.Item1)).ToList());
        Plot("tendon_forces", "Tendon forces", "force (N)", muscles.Select(m => ($"/forceset/{m}|tendon_force", m, 1.0)).Where(c => actual.Contains(c.Item1)).ToList());

        void Plot(string file, string title, string yLabel, List<(string Channel, string Label, double Scale)> channels)
        {
            if (channels.Count > 0)
            {
                OverlayPlot.Write(Path.Combine(folder, $"{name}_{file}.png"), $"{name}: {title}", yLabel, reference, actual, channels, "OpenSim", "ArmRnn");
            }
        }
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string RequireFile(string path, string option) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{option}: no file '{path}'.", path);
}
