using System.Text.Json.Nodes;
using ArmRnn.Cli;
using ArmRnn.Datasets;
using ArmRnn.Excitation;
using ArmRnn.Plants;
using ArmRnn.Tasks;
using ArmRnn.Torch.Analysis;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using Spectre.Console.Testing;
using TorchSharp;

namespace ArmRnn.Cli.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-cli-analyze-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Analyze_writes_the_report_plots_and_recording_for_small_point_mass_networks()
    {
        var (controllerPath, armPath) = CreateCheckpoints();
        var output = Path.Combine(_folder, "analysis");
        var console = new TestConsole().Width(200);
        var exit = await CliApplication.RunAsync(
            ["analyze", "--checkpoint", controllerPath, "--armnet", armPath, "--task", "centerout", "--out", output,
             "--radius", "0.03", "--go-cue", "0.2", "--trials", "2", "--starts", "16", "--iterations", "400", "--threads", "1"],
            console);
        Assert.True(exit == 0, console.Output);

        foreach (var file in new[] { "report.md", "report.json", "recording.h5", "fixed_points_pcs.png", "variance_explained.png", "jpca_plane.png", "tangling_histogram.png" })
        {
            Assert.True(new FileInfo(Path.Combine(output, file)).Length > 0, $"{file} is missing or empty");
        }

        for (var target = 0; target < 8; target++)
        {
            Assert.True(File.Exists(Path.Combine(output, $"eigenvalues_target{target}.png")));
        }

        // PNG signature.
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(Path.Combine(output, "jpca_plane.png")).Take(4).ToArray());

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "report.json")))!.AsObject();
        Assert.Equal(16, (int)report["hidden_units"]!);
        Assert.Equal(0.01, (double)report["dt"]!, 12);
        Assert.Equal(8, (int)report["recording"]!["conditions"]!);
        Assert.All(report["recording"]!["trial_counts"]!.AsArray(), n => Assert.Equal(2, (int)n!));

        // Variance explained: fractions in [0, 1], non-increasing, cumulative at most 1.
        var explained = report["pca"]!["variance_explained"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.All(explained, v => Assert.InRange(v, 0, 1));
        Assert.True(explained.Zip(explained.Skip(1), (a, b) => a >= b - 1e-12).All(x => x));
        Assert.InRange(report["pca"]!["cumulative_variance_explained"]!.AsArray().Select(v => (double)v!).Last(), 0, 1 + 1e-9);

        // The skew-symmetric fit is a constrained version of the same least-squares problem: R²_skew ≤ R²_best ≤ 1.
        var r2Best = (double)report["jpca"]!["r2_best"]!;
        var r2Skew = (double)report["jpca"]!["r2_skew"]!;
        Assert.InRange(r2Best, 0, 1 + 1e-12);
        Assert.True(r2Skew <= r2Best + 1e-12, $"R² skew {r2Skew} > best {r2Best}");
        Assert.True((double)report["tangling"]!["epsilon"]! > 0);
        Assert.True((double)report["tangling"]!["max"]! >= (double)report["tangling"]!["median"]!);

        var fixedPoints = report["fixed_points"]!.AsArray();
        Assert.Equal(8, fixedPoints.Count);
        foreach (var target in fixedPoints)
        {
            foreach (var point in target!["points"]!.AsArray())
            {
                // Reported points reached the default q tolerance, and stability agrees with the spectral radius.
                Assert.True((double)point!["q"]! <= 1e-10);
                var radius = (double)point["spectral_radius"]!;
                Assert.Equal(radius <= 1 + 1e-6, (bool)point["stable"]!);
            }
        }

        var recording = PopulationRecordingHdf5.Read(Path.Combine(output, "recording.h5"));
        Assert.Equal(8, recording.Conditions);
        Assert.Equal(16, recording.Units);
        Assert.Contains("Report:", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_takes_the_task_and_trial_length_the_controller_was_trained_with_unless_flags_override_them()
    {
        // What train-controller and the pipeline store: the trainer's options (Steps among them) and the task.
        var training = new JsonObject
        {
            ["Steps"] = 90,
            ["Task"] = new JsonObject { ["TargetCount"] = 4, ["Radius"] = 0.03, ["GoCueTime"] = 0.15, ["MovementTime"] = 0.3 },
        };
        var (controllerPath, armPath) = CreateCheckpoints(training);

        var stored = await Analyze("stored");
        Assert.Equal(4, (int)stored["recording"]!["conditions"]!);
        Assert.Equal("90 steps of 0.01 s, go cue at 0.15 s", (string)stored["sources"]!["trial"]!);
        Assert.Contains("4 targets at 0.03 m", (string)stored["sources"]!["task"]!, StringComparison.Ordinal);

        // A flag wins over the stored value; a go cue at 0.6 s needs 0.6 + 0.3 + 0.3 s = 120 steps, more than stored.
        var overridden = await Analyze("overridden", "--go-cue", "0.6", "--targets", "3");
        Assert.Equal(3, (int)overridden["recording"]!["conditions"]!);
        Assert.Equal("120 steps of 0.01 s, go cue at 0.6 s", (string)overridden["sources"]!["trial"]!);

        async Task<JsonObject> Analyze(string name, params string[] flags)
        {
            var output = Path.Combine(_folder, name);
            var console = new TestConsole().Width(200);
            var exit = await CliApplication.RunAsync(
                ["analyze", "--checkpoint", controllerPath, "--armnet", armPath, "--out", output, "--trials", "1", "--starts", "4", "--iterations", "20", "--threads", "1", .. flags],
                console);
            Assert.True(exit == 0, console.Output);
            return JsonNode.Parse(File.ReadAllText(Path.Combine(output, "report.json")))!.AsObject();
        }
    }

    [Fact]
    public async Task Analyze_reports_a_missing_checkpoint_in_one_line()
    {
        var console = new TestConsole().Width(200);
        var (_, armPath) = CreateCheckpoints();
        var missing = Path.Combine(_folder, "nope.ckpt");
        var exit = await CliApplication.RunAsync(["analyze", "--checkpoint", missing, "--armnet", armPath], console);
        Assert.Equal(2, exit);
        Assert.Contains("--checkpoint: no file", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", console.Output, StringComparison.Ordinal);

        // Checkpoints swapped: the ArmNet file is not a ControllerNet.
        console = new TestConsole().Width(200);
        exit = await CliApplication.RunAsync(["analyze", "--checkpoint", armPath, "--armnet", armPath], console);
        Assert.Equal(2, exit);
        Assert.Contains("not a ControllerNet", console.Output, StringComparison.Ordinal);

        console = new TestConsole().Width(200);
        exit = await CliApplication.RunAsync(["analyze", "--checkpoint", armPath, "--armnet", armPath, "--align", "sideways"], console);
        Assert.Equal(2, exit);
        Assert.Contains("--align must be go or onset", console.Output, StringComparison.Ordinal);
    }

    /// <summary>An untrained 16-unit ArmNet normalised on point-mass data and an untrained 16-unit controller.</summary>
    private (string Controller, string ArmNet) CreateCheckpoints(JsonObject? controllerTraining = null)
    {
        Directory.CreateDirectory(_folder);
        var plant = new PointMassPlant();
        var data = new GeneratedDatasetSource(
            plant,
            new SmoothRandomExcitation(new SmoothRandomExcitationOptions { CutoffFrequency = 2.0 }),
            new DatasetShapeOptions { BatchSize = 8, BatchCount = 1, Steps = 20, Seed = 3 }).ReadBatches().Single();
        torch.manual_seed(1);
        using var armNet = new ArmNet(data.Layout, data.ExcitationNames, data.Dt, ChannelNormalization.FromData(data, data.Layout), new ArmNetOptions { HiddenSize = 16 }, torch.CPU);
        torch.manual_seed(2);
        using var controller = new ControllerNet(armNet.Layout, ReachTaskInputs.Names, armNet.ExcitationNames, armNet.Normalization, new ControllerNetOptions { HiddenSize = 16 }, torch.CPU);
        var armPath = Path.Combine(_folder, "armnet.ckpt");
        var controllerPath = Path.Combine(_folder, "controller.ckpt");
        ArmNetCheckpoint.Save(armPath, armNet);
        ControllerNetCheckpoint.Save(controllerPath, controller, training: controllerTraining);
        return (controllerPath, armPath);
    }
}
