using System.Text.Json.Nodes;
using ArmRnn.Cli.Configuration;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Randomness;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Pipeline;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Cli.Tests;

[Collection(GenerateTrainArmCollection.Name)]
public sealed class EvaluateCommandTests(GenerateTrainArmFixture fixture) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-evaluate-tests-" + Guid.NewGuid().ToString("N"));

    private static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_json_holds_what_ArmNetTrainer_Evaluate_computes_on_the_same_files()
    {
        Directory.CreateDirectory(_folder);
        var json = Path.Combine(_folder, "armnet.json");
        var output = await CommandLineRun.Succeed("evaluate", "--armnet", fixture.ArmNet, "--data", fixture.TestData, "--json", json);
        Assert.Contains("hand x", output, StringComparison.Ordinal);
        Assert.Contains("lowest: ", output, StringComparison.Ordinal);

        var test = TrajectoryBatchHdf5.Read(fixture.TestData);
        using var network = ArmNetCheckpoint.Load(fixture.ArmNet, test.Layout);
        var expected = ArmNetTrainer.Evaluate(network, test);
        var numbers = JsonNode.Parse(await File.ReadAllTextAsync(json))!["armnet"]!;
        // Same network, same data, same code path on the CPU: the numbers agree to the last digit that JSON keeps
        // (doubles are written round-trippable), so compare to 1e-12 relative.
        AssertClose(expected.VafOf(Arm26Layout.Hand.X), (double)numbers["vaf_percent"]!["hand_x"]!);
        AssertClose(expected.VafOf(Arm26Layout.Hand.Y), (double)numbers["vaf_percent"]!["hand_y"]!);
        AssertClose(expected.MeanVaf, (double)numbers["vaf_percent"]!["mean"]!);
        Assert.Equal(test.BatchSize, (int)numbers["trajectories"]!);
        var lowest = numbers["lowest_channels"]!.AsArray();
        Assert.Equal(5, lowest.Count);
        var fifthLowest = expected.Scores.Where(s => double.IsFinite(s.Vaf)).Select(s => s.Vaf).Order().ElementAt(4);
        AssertClose(fifthLowest, (double)lowest[4]!["vaf_percent"]!);
    }

    [Fact]
    public async Task The_centre_out_numbers_are_the_library_evaluation_from_the_centre_posture_with_the_stored_task()
    {
        Directory.CreateDirectory(_folder);
        var json = Path.Combine(_folder, "controller.json");
        var live = LiveTensors;
        var output = await CommandLineRun.Succeed("evaluate", "--armnet", fixture.ArmNet, "--controller", fixture.Controller, "--json", json, "--threads", "1");
        // Every network and tensor the command made is disposed again.
        Assert.Equal(live, LiveTensors);
        Assert.Contains("Mean distance between the end points", output, StringComparison.Ordinal);

        var numbers = JsonNode.Parse(await File.ReadAllTextAsync(json))!["controller"]!;
        Assert.Equal(GenerateTrainArmFixture.ControllerRadius, (double)numbers["radius_m"]!);
        Assert.Equal(GenerateTrainArmFixture.ControllerSteps, (int)numbers["steps"]!);
        var plantErrors = numbers["real_plant"]!["endpoint_error_by_target_m"]!.AsArray().Select(n => (double)n!).ToArray();
        var armNetErrors = numbers["armnet"]!["endpoint_error_by_target_m"]!.AsArray().Select(n => (double)n!).ToArray();
        Assert.Equal(8, plantErrors.Length);
        Assert.Equal(8, armNetErrors.Length);
        // Triangle inequality, target by target: |error on plant − error on ArmNet| ≤ distance between the two end
        // points; averaged over targets it is bounded by the mean gap.
        var gap = (double)numbers["mean_endpoint_gap_m"]!;
        Assert.True(plantErrors.Zip(armNetErrors).Average(p => Math.Abs(p.First - p.Second)) <= gap + 1e-12);

        // The same evaluation through the library, on a plant built independently with the default settings.
        var plants = new PlantConfiguration().CreatePlants();
        var (task, steps) = ControllerCheckpointTask.Read(fixture.Controller, "--controller");
        using var armNet = ArmNetCheckpoint.Load(fixture.ArmNet, plants.Plant.Layout);
        using var controller = ControllerNetCheckpoint.Load(fixture.Controller, plants.Plant.Layout);
        var expected = CenterOutEvaluation.Run(plants.Plant, plants.Home, armNet, controller, task, steps, new DeterministicRandom(1)).Evaluation;
        // The plant simulation and the networks are deterministic on one thread; 1e-9 relative allows for nothing
        // but the JSON round trip.
        for (var k = 0; k < 8; k++)
        {
            AssertClose(expected.RealPlant.EndpointErrorByTarget[k], plantErrors[k], 1e-9);
            AssertClose(expected.ArmNet.EndpointErrorByTarget[k], armNetErrors[k], 1e-9);
        }

        AssertClose(expected.RealPlant.MaxPathDeviation, (double)numbers["real_plant"]!["max_path_deviation_m"]!, 1e-9);
        AssertClose(expected.RealPlant.MeanPeakSpeed, (double)numbers["real_plant"]!["mean_peak_speed_m_per_s"]!, 1e-9);
    }

    [Fact]
    public async Task Print_config_round_trips_and_bad_options_are_one_line()
    {
        var config = await CommandLineRun.PrintConfigRoundTrips(_folder, "evaluate", "--armnet", "a.ckpt", "--data", "t.h5", "--json", "o.json", "--steps", "50", "--seed", "2");
        Assert.Equal(50, (int)config["Steps"]!);
        Assert.Null(config["Task"]);

        await CommandLineRun.FailsWithOneLine(["evaluate", "--armnet", fixture.ArmNet], "--data", "--controller");
        await CommandLineRun.FailsWithOneLine(["evaluate", "--armnet", fixture.ArmNet, "--data", "/nonexistent/test.h5"], "--data", "/nonexistent/test.h5");
        await CommandLineRun.FailsWithOneLine(["evaluate", "--armnet", "/nonexistent/a.ckpt", "--data", fixture.TestData], "--armnet", "/nonexistent/a.ckpt");
    }

    private static void AssertClose(double expected, double actual, double relative = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
