using System.Globalization;
using ArmRnn.Cli.Configuration;
using ArmRnn.Layouts;
using ArmRnn.Randomness;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Platform;
using ArmRnn.Torch.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace ArmRnn.Cli.Commands;

/// <summary>
/// <c>armrnn train-arm</c>: ArmNet trained on one or more datasets. The trainer keeps its state in
/// <c>&lt;out&gt;.training</c> after every epoch; a rerun after Ctrl+C continues from there, and the file is deleted
/// once the checkpoint is written.
/// </summary>
internal sealed class TrainArmCommand(IAnsiConsole console) : Command<TrainArmSettings>
{
    public override int Execute(CommandContext context, TrainArmSettings settings, CancellationToken cancellationToken)
    {
        var config = TrainArmConfiguration.Resolve(settings);
        if (settings.PrintConfig)
        {
            console.WriteLine(CommandConfigurationFile.ToJson(config));
            return 0;
        }

        var output = string.IsNullOrWhiteSpace(config.Out) ? throw new ArgumentException("--out: give the ArmNet checkpoint to write (e.g. --out armnet.ckpt).") : config.Out;
        var data = DatasetFiles.Read(config.Data);
        if (config.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var device = TorchDevice.Resolve(config.Device);
        var hand = HandOf(data.Layout, config.Training.Hand);
        var training = config.Training.Clone();
        if (config.HandLossWeight != 1.0)
        {
            if (hand is null)
            {
                throw new ArgumentException($"--hand-weight: layout '{data.Layout.Name}' of the data has no hand position channels to weight.");
            }

            // Channel weights named explicitly in the configuration win, as in the pipeline.
            var weights = new Dictionary<string, double>(training.ChannelWeights ?? new Dictionary<string, double>(), StringComparer.Ordinal);
            weights.TryAdd(hand.X, config.HandLossWeight);
            weights.TryAdd(hand.Y, config.HandLossWeight);
            training.ChannelWeights = weights;
        }

        training.CheckpointPath = ResumableTraining.StatePath(output);
        training.ResumeFromCheckpoint = true;
        var resuming = ResumableTraining.CanResume(training.CheckpointPath, training.ToJson());

        console.MarkupLineInterpolated($"Training ArmNet ({config.Network.Cell}, {config.Network.Layers}×{config.Network.HiddenSize}) on {data.BatchSize} trajectories × {data.Steps} steps, on {device.type}{(resuming ? $", continuing from {training.CheckpointPath}" : "")}.");
        torch.manual_seed((long)(new DeterministicRandom(training.Seed).Fork(0x57).NextUInt64() >> 1));
        using var network = new ArmNet(data.Layout, data.ExcitationNames, data.Dt, ChannelNormalization.FromData(data, data.Layout), config.Network, device);
        var trainer = new ArmNetTrainer(training);
        ArmNetTrainingResult result = null!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("ArmNet", maxValue: training.Epochs);
                trainer.EpochCompleted += (_, r) =>
                {
                    task.Value = r.Epoch + 1;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch + 1}/{r.Epochs}: validation VAF hand x {r.HandXVaf:F2}% y {r.HandYVaf:F2}%, mean {r.MeanVaf:F2}%");
                };
                result = trainer.Train(network, data, cancellationToken: cancellationToken);
                task.Value = task.MaxValue;
                task.StopTask();
            });

        var saved = training.Clone();
        saved.CheckpointPath = null;
        ArmNetCheckpoint.Save(output, network, 0, training.Seed, saved.ToJson());
        File.Delete(training.CheckpointPath);
        console.MarkupLineInterpolated($"Wrote [blue]{Path.GetFullPath(output)}[/] (best epoch {result.BestEpoch + 1} of {result.Reports.Count}{(result.StoppedEarly ? ", stopped early" : "")}).");
        if (result.ValidationScores is { } scores && hand is not null)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Validation VAF: hand x {scores.VafOf(hand.X):F2}%, hand y {scores.VafOf(hand.Y):F2}%, mean {scores.MeanVaf:F2}% (all channels).");
        }
        else if (result.ValidationScores is { } all)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Validation VAF: mean over all channels {all.MeanVaf:F2}%.");
        }
        else
        {
            console.WriteLine("No validation data (Training.ValidationFraction is 0).");
        }

        return 0;
    }

    private static HandChannels? HandOf(StateLayout layout, HandChannels? configured)
    {
        if (configured is not null)
        {
            return configured;
        }

        var hand = layout.IndicesOf(ChannelGroup.HandPosition);
        return hand.Length >= 2 ? new HandChannels(layout[hand[0]].Name, layout[hand[1]].Name, null) : null;
    }
}
