using System.Globalization;
using ArmRnn.Cli.Configuration;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Platform;
using ArmRnn.Torch.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn train-controller</c>: ControllerNet trained through a frozen ArmNet on the centre-out task, from
/// starting states drawn on the plant around its centre posture. The trainer keeps its state in
/// <c>&lt;out&gt;.training</c> (every <c>Training.CheckpointEvery</c> iterations); a rerun after Ctrl+C continues
/// from there, and the file is deleted once the checkpoint is written.
/// </summary>
internal sealed class TrainControllerCommand(IAnsiConsole console) : Command<TrainControllerSettings>
{
    public override int Execute(CommandContext context, TrainControllerSettings settings, CancellationToken cancellationToken)
    {
        var config = TrainControllerConfiguration.Resolve(settings);
        if (settings.PrintConfig)
        {
            console.WriteLine(CommandConfigurationFile.ToJson(config));
            return 0;
        }

        var output = string.IsNullOrWhiteSpace(config.Out) ? throw new ArgumentException("--out: give the ControllerNet checkpoint to write (e.g. --out controller.ckpt).") : config.Out;
        var armNetPath = CommandConfigurationFile.RequireFile(config.ArmNet, "--armnet", "the trained ArmNet checkpoint");
        if (config.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var device = TorchDevice.Resolve(config.Device);
        var plants = config.Plant.CreatePlants();
        TaskStepsError.EnsureFits(config.Task, config.Training.Steps, plants.Plant);
        using var armNet = ArmNetCheckpoint.Load(armNetPath, plants.Plant.Layout, device);
        var training = config.Training.Clone();
        training.CheckpointPath = ResumableTraining.StatePath(output);
        training.ResumeFromCheckpoint = true;
        var resuming = ResumableTraining.CanResume(training.CheckpointPath, training.ToJson());

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Training ControllerNet ({config.Network.HiddenSize} units) through ArmNet {armNetPath} on {config.Task.TargetCount} targets at {config.Task.Radius * 100:0.#} cm, on {device.type}{(resuming ? $", continuing from {training.CheckpointPath}" : "")}.");
        torch.manual_seed((long)(new DeterministicRandom(training.Seed).Fork(0x57).NextUInt64() >> 1));
        using var controller = new ControllerNet(armNet.Layout, ReachTaskInputs.Names, armNet.ExcitationNames, armNet.Normalization, config.Network, device);
        var trainer = new ControllerTrainer(training);
        ControllerTrainingResult result = null!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("ControllerNet", maxValue: training.Iterations);
                trainer.ProgressReported += (_, r) =>
                {
                    task.Value = r.Iteration + 1;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"iteration {r.Iteration + 1}/{r.Iterations}: loss {r.Loss:G4}, hand {r.MeanFinalDistance * 100:F2} cm from target on ArmNet");
                };
                result = trainer.Train(controller, armNet, new CenterOutTask(config.Task), plants.TrainingStarts, cancellationToken: cancellationToken);
                task.Value = task.MaxValue;
                task.StopTask();
            });

        var saved = training.Clone();
        saved.CheckpointPath = null;
        ControllerNetCheckpoint.Save(output, controller, 0, training.Seed, ControllerCheckpointTask.TrainingMetadata(saved, config.Task));
        File.Delete(training.CheckpointPath);
        console.MarkupLineInterpolated($"Wrote [blue]{Path.GetFullPath(output)}[/].");
        if (result.Reports.Count > 0)
        {
            var last = result.Reports[^1];
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Last iteration: loss {last.Loss:G4}, hand {last.MeanFinalDistance * 100:F2} cm from the target at the end of the trial (on ArmNet). Run 'armrnn evaluate --controller' to score it on the real plant.");
        }

        return 0;
    }
}
