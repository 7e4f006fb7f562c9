using System.Text.Json.Nodes;

namespace ArmRnn.Cli.Tests;

[Collection(GenerateTrainArmCollection.Name)]
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-report-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_folder_without_config_json_is_one_line_and_exit_code_2()
    {
        Directory.CreateDirectory(_folder);
        await CommandLineRun.FailsWithOneLine(["report", "--run", _folder], _folder, "config.json");
        await CommandLineRun.FailsWithOneLine(["report", "--run", Path.Combine(_folder, "missing")], "--run", "missing");
    }

    [Fact]
    public async Task Report_rewrites_the_reports_of_a_run_from_what_the_run_wrote()
    {
        // A one-generation run at toy sizes (the task shortened so that 30 steps hold the whole movement).
        var config = JsonNode.Parse(await CommandLineRun.Succeed("pipeline", "--quick", "--print-config"))!.AsObject();
        config["Generations"] = 1;
        config["InitialData"]!["Trajectories"] = 8;
        config["InitialData"]!["Steps"] = 30;
        config["ArmNet"]!["Network"]!["HiddenSize"] = 8;
        config["ArmNet"]!["Training"]!["Epochs"] = 2;
        config["ArmNet"]!["Training"]!["BatchSize"] = 4;
        config["Controller"]!["Network"]!["HiddenSize"] = 8;
        config["Controller"]!["Training"]!["Iterations"] = 2;
        config["Controller"]!["Training"]!["BatchSize"] = 4;
        config["Controller"]!["Training"]!["Steps"] = 30;
        config["Controller"]!["Task"]!["GoCueTime"] = 0.05;
        config["Controller"]!["Task"]!["GoCueJitter"] = 0;
        config["Controller"]!["Task"]!["MovementTime"] = 0.2;
        Directory.CreateDirectory(_folder);
        var configPath = Path.Combine(_folder, "tiny.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        var run = Path.Combine(_folder, "run");
        await CommandLineRun.Succeed("pipeline", "--config", configPath, "--out", run, "--threads", "1");

        var markdown = Path.Combine(run, "report.md");
        var json = Path.Combine(run, "report.json");
        var written = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        File.Delete(markdown);
        File.Delete(json);

        var output = await CommandLineRun.Succeed("report", "--run", run);
        Assert.Contains(Path.GetFullPath(markdown), output, StringComparison.Ordinal);
        Assert.True(File.Exists(markdown));
        // Nothing is recomputed: the generation numbers are the ones the pipeline wrote.
        var rewritten = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        Assert.True(JsonNode.DeepEquals(written["generations"], rewritten["generations"]));
        Assert.True(JsonNode.DeepEquals(written["configuration"], rewritten["configuration"]));
    }
}
