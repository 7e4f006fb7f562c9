namespace ArmRnn.Cli.Tests;

/// <summary>
/// One small dataset on arm26 (<c>armrnn generate</c>: 12 trajectories of 30 steps, 2 held out) and a tiny ArmNet
/// trained on it (<c>armrnn train-arm</c>: 8 GRU units, 2 epochs), made once for the collection; the ControllerNet
/// (<c>armrnn train-controller</c>: 8 units, 3 iterations on a 5 cm centre-out task short enough for 30 steps) is made
/// on first use. Sizes are tiny on purpose: these tests check what the commands write, not how well networks learn.
/// </summary>
public sealed class GenerateTrainArmFixture : IDisposable
{
    private readonly Lazy<(string Path, string Output)> _controller;

    public GenerateTrainArmFixture()
    {
        Directory.CreateDirectory(Folder);
        GenerateOutput = CommandLineRun.Succeed(
            "generate", "--out", TrainData, "--test-out", TestData, "--trajectories", "12", "--steps", "30", "--seed", "3").GetAwaiter().GetResult();
        TrainArmOutput = CommandLineRun.Succeed(
            "train-arm", "--data", TrainData, "--out", ArmNet, "--hidden", "8", "--epochs", "2", "--batch", "4", "--threads", "1", "--hand-weight", "3").GetAwaiter().GetResult();
        _controller = new Lazy<(string, string)>(TrainController, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "armrnn-cli-train-tests-" + Guid.NewGuid().ToString("N"));

    public string TrainData => Path.Combine(Folder, "train.h5");

    public string TestData => Path.Combine(Folder, "test.h5");

    public string ArmNet => Path.Combine(Folder, "armnet.ckpt");

    public string GenerateOutput { get; }

    public string TrainArmOutput { get; }

    /// <summary>The ControllerNet checkpoint (trained on first use).</summary>
    public string Controller => _controller.Value.Path;

    public string TrainControllerOutput => _controller.Value.Output;

    /// <summary>The controller's task, shortened so that 30 steps (0.3 s) hold the go cue and the whole movement.</summary>
    public const double ControllerRadius = 0.05;

    public const int ControllerSteps = 30;

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private (string, string) TrainController()
    {
        var config = Path.Combine(Folder, "controller-task.json");
        // A partial configuration: everything not named keeps its default.
        File.WriteAllText(config, """{ "Task": { "GoCueTime": 0.05, "GoCueJitter": 0, "MovementTime": 0.2 } }""");
        var path = Path.Combine(Folder, "controller.ckpt");
        var output = CommandLineRun.Succeed(
            "train-controller", "--config", config, "--armnet", ArmNet, "--out", path, "--hidden", "8", "--iterations", "3", "--batch", "4",
            "--steps", ControllerSteps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--radius", "0.05", "--threads", "1", "--seed", "2").GetAwaiter().GetResult();
        return (path, output);
    }
}
