using ArmRnn.Layouts;
using ArmRnn.Metrics;

namespace ArmRnn.Core.Tests.Metrics;

public class GenerationMatrixTests
{
    private static readonly string X = Arm26Layout.Hand.X;
    private static readonly string Y = Arm26Layout.Hand.Y;

    private static GenerationMatrix Poster()
    {
        var matrix = new GenerationMatrix();
        matrix.Set(0, 0, new Dictionary<string, double> { [X] = 99.75, [Y] = 99.85 });
        matrix.Set(0, 1, new Dictionary<string, double> { [X] = 98.25, [Y] = 99.50 });
        matrix.Set(1, 0, new Dictionary<string, double> { [X] = 99.50, [Y] = 99.80 });
        matrix.Set(1, 1, new Dictionary<string, double> { [X] = 99.50, [Y] = 99.75 });
        return matrix;
    }

    [Fact]
    public void Renders_the_posters_table()
    {
        var markdown = Poster().ToMarkdown([(X, "X position"), (Y, "Y position")]);
        const string expected =
            "|  | X position (Gen 0 data) | Y position (Gen 0 data) | X position (Gen 1 data) | Y position (Gen 1 data) |\n" +
            "| --- | --- | --- | --- | --- |\n" +
            "| ArmNet Gen 0 | 99.75% | 99.85% | 98.25% | 99.50% |\n" +
            "| ArmNet Gen 1 | 99.50% | 99.80% | 99.50% | 99.75% |\n";
        Assert.Equal(expected, markdown);
    }

    [Fact]
    public void Cells_are_looked_up_by_generation()
    {
        var matrix = Poster();
        Assert.Equal([0, 1], matrix.ModelGenerations);
        Assert.Equal([0, 1], matrix.DataGenerations);
        Assert.Equal(98.25, matrix.Get(0, 1).VafOf(X));
        Assert.True(matrix.TryGet(1, 1, out var scores));
        Assert.Equal(99.75, scores.VafOf(Y));
        Assert.False(matrix.TryGet(2, 0, out _));
        var error = Assert.Throws<KeyNotFoundException>(() => matrix.Get(2, 0));
        Assert.Contains("model generation 2 on data generation 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_cells_and_undefined_values_show_as_not_available()
    {
        var matrix = new GenerationMatrix();
        matrix.Set(0, 0, new ChannelScores([new ChannelScore(X, 99.123, 0.001), new ChannelScore(Y, double.NaN, 0)]));
        matrix.Set(1, 1, new ChannelScores([new ChannelScore(X, 12.5, 0.1)]));
        var markdown = matrix.ToMarkdown([(X, "X"), (Y, "Y")], "Net");
        Assert.Contains("| Net Gen 0 | 99.12% | n/a | n/a | n/a |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Net Gen 1 | n/a | n/a | 12.50% | n/a |\n", markdown, StringComparison.Ordinal);
    }
}
