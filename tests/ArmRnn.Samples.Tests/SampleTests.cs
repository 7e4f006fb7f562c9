using System.Text.Json.Nodes;
using ArmRnn.Reporting;
using ArmRnn.Torch.Pipeline;

namespace ArmRnn.Samples.Tests;

/// <summary>The samples build (they are referenced) and run briefly end to end with their --tiny sizes.</summary>
public sealed class SampleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-samples-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void CenterOut_runs_the_pipeline_through_dependency_injection_and_writes_the_report()
    {
        var run = Path.Combine(_folder, "centerout");
        Assert.Equal(0, Run("CenterOut", run, "--tiny"));

        // Two generations on Arm26 (the Quick preset's count), each evaluated on the 8 centre-out targets.
        var results = GenerationPipeline.ReadResults(run);
        Assert.Equal(2, results.Count);
        Assert.All(results, g => Assert.Equal(8, g.Controller.RealPlant.EndpointErrorByTarget.Count));
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(run, PipelineReport.JsonFileName)))!;
        Assert.Equal(2, report["generations"]!.AsArray().Count);
        Assert.Contains("ArmNet Gen 1", File.ReadAllText(Path.Combine(run, PipelineReport.MarkdownFileName)), StringComparison.Ordinal);
        // The sample's container seeds the pipeline.
        Assert.Equal(11UL, GenerationPipelineOptions.FromJson(File.ReadAllText(Path.Combine(run, RunFolder.ConfigFileName)), "config.json").Seed);
    }

    [Fact]
    public void CustomPlant_runs_the_pipeline_on_a_users_own_plant()
    {
        var run = Path.Combine(_folder, "custom");
        Assert.Equal(0, Run("CustomPlant", run, "--tiny"));

        var results = GenerationPipeline.ReadResults(run);
        Assert.Equal(2, results.Count);
        var config = GenerationPipelineOptions.FromJson(File.ReadAllText(Path.Combine(run, RunFolder.ConfigFileName)), "config.json");
        Assert.Equal("hand_x", config.Controller.Task.Hand.X);
        var data = ArmRnn.Data.TrajectoryBatchHdf5.Read(new RunFolder(run).File(0, PipelineFiles.TrainingData));
        Assert.Equal("two-joint-arm", data.Layout.Name);
    }

    [Fact]
    public void Analysis_trains_records_and_analyses_a_small_controller()
    {
        var output = Path.Combine(_folder, "recording.h5");
        Directory.CreateDirectory(_folder);
        Assert.Equal(0, Run("Analysis", "--out", output));

        // Eight centre-out conditions, averaged over trials: condition x time x unit arrays.
        var recording = ArmRnn.Torch.Analysis.PopulationRecordingHdf5.Read(output);
        Assert.Equal(8, recording.Conditions);
    }

    private static int Run(string sample, params string[] args)
    {
        var entry = System.Reflection.Assembly.Load(sample).EntryPoint!;
        return (int)entry.Invoke(null, [args])!;
    }
}
