using Spectre.Console.Testing;

namespace ArmRnn.Cli.Tests;

/// <summary>Runs <c>armrnn</c> in process on a wide test console (so no line is wrapped) and returns the exit code
/// and everything it printed.</summary>
internal static class CommandLineRun
{
    public static async Task<(int Exit, string Output)> Run(params string[] args) => await Run(CancellationToken.None, args);

    public static async Task<(int Exit, string Output)> Run(CancellationToken cancellationToken, params string[] args)
    {
        var console = new TestConsole().Width(10_000);
        var exit = await CliApplication.Create(console).RunAsync(args, cancellationToken);
        return (exit, console.Output);
    }

    /// <summary>Runs the command and fails with its output when the exit code is not 0.</summary>
    public static async Task<string> Succeed(params string[] args)
    {
        var (exit, output) = await Run(args);
        Assert.True(exit == 0, $"armrnn {string.Join(' ', args)} exited with {exit}:\n{output}");
        return output;
    }

    /// <summary>Asserts a user error: exit code 2 and exactly one printed line, starting with "error:" and containing
    /// every one of <paramref name="expected"/>.</summary>
    public static async Task FailsWithOneLine(string[] args, params string[] expected)
    {
        var (exit, output) = await Run(args);
        Assert.True(exit == 2, $"armrnn {string.Join(' ', args)} exited with {exit}:\n{output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:\n{output}");
        Assert.StartsWith("error:", lines[0], StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, lines[0], StringComparison.Ordinal);
        }
    }

    /// <summary>Asserts that <c>--print-config</c> prints JSON, and that feeding it back through <c>--config</c>
    /// prints the same configuration. Returns the parsed configuration.</summary>
    public static async Task<System.Text.Json.Nodes.JsonObject> PrintConfigRoundTrips(string folder, string command, params string[] flags)
    {
        var printed = await Succeed([command, .. flags, "--print-config"]);
        var parsed = System.Text.Json.Nodes.JsonNode.Parse(printed)!.AsObject();
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{command}-config.json");
        await File.WriteAllTextAsync(file, printed);
        var reprinted = await Succeed(command, "--config", file, "--print-config");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(parsed, System.Text.Json.Nodes.JsonNode.Parse(reprinted)), $"--config {file} printed another configuration:\n{reprinted}");
        return parsed;
    }
}
