using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ArmRnn.Metrics;

/// <summary>
/// Scores of each model generation on each generation's test data, as in the poster's table (ArmNet generation k
/// evaluated on generation j data).
/// </summary>
/// <remarks>Not thread-safe for concurrent writes.</remarks>
public sealed class GenerationMatrix
{
    private readonly Dictionary<(int Model, int Data), ChannelScores> _cells = [];

    /// <summary>The model generations that have at least one score, in increasing order.</summary>
    public IReadOnlyList<int> ModelGenerations => [.. _cells.Keys.Select(k => k.Model).Distinct().Order()];

    /// <summary>The data generations that have at least one score, in increasing order.</summary>
    public IReadOnlyList<int> DataGenerations => [.. _cells.Keys.Select(k => k.Data).Distinct().Order()];

    /// <summary>Sets (or replaces) the scores of model generation <paramref name="modelGeneration"/> on data
    /// generation <paramref name="dataGeneration"/>.</summary>
    /// <param name="modelGeneration">Model generation, ≥ 0.</param>
    /// <param name="dataGeneration">Data generation, ≥ 0.</param>
    /// <param name="scores">The scores.</param>
    public void Set(int modelGeneration, int dataGeneration, ChannelScores scores)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(modelGeneration);
        ArgumentOutOfRangeException.ThrowIfNegative(dataGeneration);
        ArgumentNullException.ThrowIfNull(scores);
        _cells[(modelGeneration, dataGeneration)] = scores;
    }

    /// <summary>Sets (or replaces) a cell from VAF values (%) by channel name (RMSE unknown).</summary>
    /// <param name="modelGeneration">Model generation, ≥ 0.</param>
    /// <param name="dataGeneration">Data generation, ≥ 0.</param>
    /// <param name="vafByChannel">VAF (%) by channel name.</param>
    public void Set(int modelGeneration, int dataGeneration, IReadOnlyDictionary<string, double> vafByChannel) =>
        Set(modelGeneration, dataGeneration, ChannelScores.FromVaf(vafByChannel));

    /// <summary>The scores of a model generation on a data generation.</summary>
    /// <exception cref="KeyNotFoundException">There are none; the message lists the cells that exist.</exception>
    public ChannelScores Get(int modelGeneration, int dataGeneration)
    {
        if (_cells.TryGetValue((modelGeneration, dataGeneration), out var scores))
        {
            return scores;
        }

        var cells = string.Join(", ", _cells.Keys.Order().Select(k => string.Create(CultureInfo.InvariantCulture, $"({k.Model}, {k.Data})")));
        throw new KeyNotFoundException(string.Create(
            CultureInfo.InvariantCulture,
            $"No scores for model generation {modelGeneration} on data generation {dataGeneration}. Cells (model, data) present: {(cells.Length == 0 ? "none" : cells)}."));
    }

    /// <summary>Looks up a cell without throwing.</summary>
    /// <returns><see langword="true"/> when the cell has scores.</returns>
    public bool TryGet(int modelGeneration, int dataGeneration, [NotNullWhen(true)] out ChannelScores? scores) =>
        _cells.TryGetValue((modelGeneration, dataGeneration), out scores);

    /// <summary>
    /// Renders the VAF table as Markdown, like the poster's: one row per model generation ("ArmNet Gen k"), and for
    /// each data generation j (outer) and each requested channel (inner) a column "Label (Gen j data)". Values are
    /// percentages with two decimals (invariant culture); missing cells and undefined VAFs show as "n/a". Lines end
    /// with '\n'.
    /// </summary>
    /// <param name="columns">The channels to show and their column labels (e.g. the hand's x channel, "X position").</param>
    /// <param name="modelName">The row label prefix.</param>
    public string ToMarkdown(IReadOnlyList<(string Channel, string Label)> columns, string modelName = "ArmNet")
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(modelName);
        var dataGenerations = DataGenerations;
        var text = new StringBuilder();
        text.Append('|').Append(' ', 2).Append('|');
        foreach (var data in dataGenerations)
        {
            foreach (var (_, label) in columns)
            {
                text.Append(CultureInfo.InvariantCulture, $" {label} (Gen {data} data) |");
            }
        }

        text.Append("\n|");
        for (var i = 0; i <= dataGenerations.Count * columns.Count; i++)
        {
            text.Append(" --- |");
        }

        text.Append('\n');
        foreach (var model in ModelGenerations)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {modelName} Gen {model} |");
            foreach (var data in dataGenerations)
            {
                _cells.TryGetValue((model, data), out var scores);
                foreach (var (channel, _) in columns)
                {
                    text.Append(' ').Append(FormatVaf(scores, channel)).Append(" |");
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string FormatVaf(ChannelScores? scores, string channel) =>
        scores is not null && scores.TryGet(channel, out var score) && !double.IsNaN(score.Vaf)
            ? string.Create(CultureInfo.InvariantCulture, $"{score.Vaf:0.00}%")
            : "n/a";
}
