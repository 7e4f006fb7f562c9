using System.Diagnostics;
using System.Text.Json;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Metrics;
using ArmRnn.Options;
using ArmRnn.Randomness;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Training;

/// <summary>
/// Trains an <see cref="ArmNet"/> on recorded trajectories by backpropagation through time over whole trajectories,
/// with a (weighted) mean squared error over all normalised state channels.
/// </summary>
/// <remarks>
/// <para>The trajectories are split once into training and validation sets (seeded). Each epoch visits the training
/// trajectories in a seeded order (epoch e uses <c>Fork(e)</c>), so the run is a function of the seed, the data and the
/// network's initial weights; on the CPU with a fixed thread count it repeats bit for bit, and a run resumed from its
/// checkpoint continues exactly as the uninterrupted run would have.</para>
/// <para>Every minibatch runs in its own dispose scope. Progress goes to <see cref="EpochCompleted"/> and to the
/// <see cref="IProgress{T}"/> passed to <see cref="Train"/>; cancellation is checked between minibatches (the last
/// checkpoint stays usable).</para>
/// </remarks>
public sealed class ArmNetTrainer
{
    private readonly ArmNetTrainingOptions _options;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">The options (copied); <see cref="ArmNetTrainingOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public ArmNetTrainer(ArmNetTrainingOptions? options = null)
    {
        _options = (options ?? ArmNetTrainingOptions.Default()).Clone().EnsureValid();
    }

    /// <summary>Raised after every epoch (on the training thread).</summary>
    public event EventHandler<ArmNetEpochReport>? EpochCompleted;

    /// <summary>The options (a copy).</summary>
    public ArmNetTrainingOptions Options => _options.Clone();

    /// <summary>
    /// Trains <paramref name="network"/> in place on <paramref name="data"/>; at the end it holds the weights of the
    /// epoch with the lowest validation loss.
    /// </summary>
    /// <param name="network">The network (its layout, excitations and control step must match the data's).</param>
    /// <param name="data">The trajectories.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellationToken">Checked between minibatches.</param>
    /// <exception cref="ArgumentException">The data does not fit the network.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the checkpoint (if any) has the last whole epoch.</exception>
    public ArmNetTrainingResult Train(ArmNet network, TrajectoryBatch data, IProgress<ArmNetEpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        CheckData(network, data);

        var (trainIndices, validationIndices) = Split(data.BatchSize);
        var device = network.Device;
        using var dataScope = torch.NewDisposeScope();
        var (trainExcitations, trainInitial, trainTargets) = ToTensors(network, data.SelectBatch(trainIndices), device);
        var validation = validationIndices.Length > 0 ? data.SelectBatch(validationIndices) : null;
        var (validationExcitations, validationInitial, validationTargets) = validation is null
            ? (null, null, null)
            : ToTensors(network, validation, device);
        var weights = ChannelWeights(network.Layout, device);
        var hand = ResolveHand(network.Layout);

        var parameters = network.parameters().ToList();
        using var optimizer = TrainingSupport.CreateOptimizer(_options.Optimization, parameters);
        var reports = new List<ArmNetEpochReport>();
        Dictionary<string, Tensor>? best = null;
        var bestLoss = double.NaN;
        var bestEpoch = -1;
        var sinceBest = 0;
        var startEpoch = 0;
        try
        {
            if (_options.CheckpointPath is not null && _options.ResumeFromCheckpoint && File.Exists(_options.CheckpointPath))
            {
                (startEpoch, bestLoss, bestEpoch, sinceBest, best) = Resume(network, optimizer, reports);
            }

            var stoppedEarly = validation is not null && _options.EarlyStoppingPatience > 0 && sinceBest >= _options.EarlyStoppingPatience;
            for (var epoch = startEpoch; epoch < _options.Epochs && !stoppedEarly; epoch++)
            {
                var watch = Stopwatch.StartNew();
                var rate = TrainingSupport.SetLearningRate(optimizer, _options.Optimization, epoch, _options.Epochs);
                network.train();
                var order = Shuffle(trainIndices.Length, new DeterministicRandom(_options.Seed).Fork(1).Fork((ulong)epoch));
                double lossSum = 0;
                var batches = 0;
                for (var start = 0; start < order.Length; start += _options.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = torch.NewDisposeScope();
                    var count = Math.Min(_options.BatchSize, order.Length - start);
                    var index = torch.tensor(order.AsSpan(start, count).ToArray().Select(i => (long)i).ToArray(), device: device);
                    optimizer.zero_grad();
                    var predicted = network.forward(trainExcitations.index_select(0, index), trainInitial.index_select(0, index));
                    var loss = WeightedMse(predicted, trainTargets.index_select(0, index), weights);
                    loss.backward();
                    TrainingSupport.ClipAndStep(optimizer, parameters, _options.Optimization.GradientClipNorm);
                    lossSum += loss.item<float>();
                    batches++;
                }

                var validationLoss = double.NaN;
                ChannelScores? scores = null;
                if (validation is not null)
                {
                    (validationLoss, scores) = Validate(network, validation, validationExcitations!, validationInitial!, validationTargets!, weights);
                }

                var isBest = validation is not null && !double.IsNaN(validationLoss) && (bestEpoch < 0 || validationLoss < bestLoss);
                if (isBest)
                {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    ModuleStateDicts.Dispose(best);
                    best = network.CloneStateDict();
                }
                else
                {
                    sinceBest++;
                }

                var report = new ArmNetEpochReport(
                    epoch,
                    _options.Epochs,
                    batches == 0 ? double.NaN : lossSum / batches,
                    validationLoss,
                    VafOrNaN(scores, hand?.X),
                    VafOrNaN(scores, hand?.Y),
                    scores?.MeanVaf ?? double.NaN,
                    rate,
                    watch.Elapsed.TotalSeconds,
                    isBest);
                reports.Add(report);
                stoppedEarly = validation is not null && _options.EarlyStoppingPatience > 0 && sinceBest >= _options.EarlyStoppingPatience;
                if (_options.CheckpointPath is not null)
                {
                    SaveCheckpoint(network, optimizer, best, new TrainingProgressState
                    {
                        CompletedPeriods = epoch + 1,
                        BestLoss = bestLoss,
                        BestPeriod = bestEpoch,
                        PeriodsWithoutImprovement = sinceBest,
                        Reports = JsonSerializer.SerializeToNode(reports, CheckpointFile.JsonOptions)!.AsArray(),
                    });
                }

                // The epoch's tensors are freed: collect their handles and hand the C heap's free pages back (without
                // this, glibc's heap fragments under LibTorch's allocations and the process grows by about 0.7 MB per
                // minibatch at full size; docs/benchmarks.md).
                TrainingMemory.ReleaseAfterPeriod();
                EpochCompleted?.Invoke(this, report);
                progress?.Report(report);
            }

            ChannelScores? finalScores = null;
            if (best is not null)
            {
                network.CopyStateFrom(best);
            }

            if (validation is not null)
            {
                (_, finalScores) = Validate(network, validation, validationExcitations!, validationInitial!, validationTargets!, weights);
            }

            var finished = validation is not null && _options.EarlyStoppingPatience > 0 && sinceBest >= _options.EarlyStoppingPatience;
            return new ArmNetTrainingResult(reports, bestEpoch, bestLoss, finalScores, finished && reports.Count < _options.Epochs, startEpoch);
        }
        finally
        {
            ModuleStateDicts.Dispose(best);
            network.eval();
        }
    }

    /// <summary>Per-channel VAF and RMSE of <paramref name="network"/>'s predictions on <paramref name="data"/>
    /// (physical units; each channel's SST about its mean over the whole set).</summary>
    public static ChannelScores Evaluate(ArmNet network, TrajectoryBatch data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        CheckData(network, data);
        var predicted = network.Predict(data.InitialStates, data.Excitations);
        return ChannelMetrics.Compute(predicted, data.States, network.Layout);
    }

    private static void CheckData(ArmNet network, TrajectoryBatch data)
    {
        var difference = data.Layout.DescribeChannelDifference(network.Layout);
        if (difference is not null)
        {
            throw new ArgumentException($"The data's state layout differs from the network's: {difference}", nameof(data));
        }

        if (!data.ExcitationNames.SequenceEqual(network.ExcitationNames, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The data has excitations [{string.Join(", ", data.ExcitationNames)}] but the network reads [{string.Join(", ", network.ExcitationNames)}].",
                nameof(data));
        }

        if (Math.Abs(data.Dt - network.Dt) > 1e-12 * network.Dt)
        {
            throw new ArgumentException($"The data's control step is {data.Dt} s but the network's is {network.Dt} s.", nameof(data));
        }
    }

    private static (Tensor Excitations, Tensor Initial, Tensor Targets) ToTensors(ArmNet network, TrajectoryBatch data, Device device)
    {
        var excitations = TensorConversions.ToTensor(data.Excitations, device);
        using var initialRaw = TensorConversions.ToTensor(data.InitialStates, device);
        using var squeezed = initialRaw.squeeze(1);
        var initial = network.Normalize(squeezed);
        using var statesRaw = TensorConversions.ToTensor(data.States, device);
        var targets = network.Normalize(statesRaw);
        return (excitations, initial, targets);
    }

    private static Tensor WeightedMse(Tensor predicted, Tensor target, Tensor? weights)
    {
        var squared = (predicted - target).square();
        return weights is null ? squared.mean() : (squared * weights).mean();
    }

    private static double VafOrNaN(ChannelScores? scores, string? channel) =>
        scores is not null && channel is not null && scores.TryGet(channel, out var score) ? score.Vaf : double.NaN;

    private static int[] Shuffle(int count, DeterministicRandom random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private (int Epoch, double BestLoss, int BestEpoch, int SinceBest, Dictionary<string, Tensor>? Best) Resume(
        ArmNet network, OptimizerHelper optimizer, List<ArmNetEpochReport> reports)
    {
        var path = _options.CheckpointPath!;
        var (metadata, sections) = CheckpointFile.Read(path);
        var differences = ArmNetCheckpoint.DescribeDifferences(metadata, network);
        if (differences.Count > 0 || metadata.Progress is null)
        {
            throw new InvalidDataException(
                metadata.Progress is null
                    ? $"{path} is not a resumable training checkpoint (it has no training progress); delete it or set ResumeFromCheckpoint = false."
                    : $"{path} cannot be resumed with this network: {string.Join("; ", differences)}.");
        }

        Dictionary<string, Tensor>? best = null;
        if (sections.TryGetValue(BestSection, out var bestBytes))
        {
            network.ReadStateDict(bestBytes);
            best = network.CloneStateDict();
        }

        network.ReadStateDict(sections[ArmNetCheckpoint.StateDictSection]);
        TrainingSupport.LoadOptimizer(optimizer, sections[OptimizerSection]);
        var progress = metadata.Progress;
        if (progress.Reports is not null)
        {
            reports.AddRange(progress.Reports.Deserialize<List<ArmNetEpochReport>>(CheckpointFile.JsonOptions) ?? []);
        }

        return (progress.CompletedPeriods, progress.BestLoss, progress.BestPeriod, progress.PeriodsWithoutImprovement, best);
    }

    private void SaveCheckpoint(ArmNet network, OptimizerHelper optimizer, Dictionary<string, Tensor>? best, TrainingProgressState state)
    {
        var metadata = ArmNetCheckpoint.CreateMetadata(network, 0, _options.Seed, _options.ToJson());
        metadata.Progress = state;
        var optimizerBytes = TrainingSupport.SaveOptimizer(optimizer);
        var sections = new List<KeyValuePair<string, Action<BinaryWriter>>>
        {
            new(ArmNetCheckpoint.StateDictSection, network.WriteStateDict),
            new(OptimizerSection, w => w.Write(optimizerBytes)),
        };
        if (best is not null)
        {
            sections.Add(new(BestSection, w => nn.Module.save_state_dict(w, best)));
        }

        CheckpointFile.Write(_options.CheckpointPath!, metadata, sections);
    }

    private const string OptimizerSection = "optimizer";
    private const string BestSection = "best_state_dict";

    private (double Loss, ChannelScores Scores) Validate(ArmNet network, TrajectoryBatch validation, Tensor excitations, Tensor initial, Tensor targets, Tensor? weights)
    {
        network.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var total = 0.0;
        var n = excitations.shape[0];
        var predicted = new TrajectoryArray((int)n, validation.Steps, network.Layout.Count);
        for (long start = 0; start < n; start += _options.ValidationChunkSize)
        {
            using var chunkScope = torch.NewDisposeScope();
            var length = Math.Min(_options.ValidationChunkSize, n - start);
            var output = network.forward(excitations.narrow(0, start, length), initial.narrow(0, start, length));
            var chunkLoss = WeightedMse(output, targets.narrow(0, start, length), weights);
            total += chunkLoss.item<float>() * length;
            var raw = TensorConversions.ToTrajectoryArray(network.Denormalize(output));
            raw.AsSpan().CopyTo(predicted.AsSpan()[(int)(start * validation.Steps * network.Layout.Count)..]);
        }

        network.train();
        return (total / n, ChannelMetrics.Compute(predicted, validation.States, network.Layout));
    }

    private (int[] Train, int[] Validation) Split(int count)
    {
        var order = Shuffle(count, new DeterministicRandom(_options.Seed).Fork(0));
        var validation = _options.ValidationFraction > 0 && count >= 2
            ? Math.Clamp((int)Math.Round(count * _options.ValidationFraction), 1, count - 1)
            : 0;
        var validationIndices = order[..validation];
        var trainIndices = order[validation..];
        Array.Sort(validationIndices);
        Array.Sort(trainIndices);
        return (trainIndices, validationIndices);
    }

    private Tensor? ChannelWeights(StateLayout layout, Device device)
    {
        if (_options.ChannelWeights is null || _options.ChannelWeights.Count == 0)
        {
            return null;
        }

        var weights = Enumerable.Repeat(1f, layout.Count).ToArray();
        foreach (var (name, weight) in _options.ChannelWeights)
        {
            weights[layout.IndexOf(name)] = (float)weight;
        }

        return torch.tensor(weights, device: device);
    }

    private HandChannels? ResolveHand(StateLayout layout)
    {
        if (_options.Hand is not null)
        {
            return _options.Hand;
        }

        var hand = layout.IndicesOf(ChannelGroup.HandPosition);
        return hand.Length >= 2 ? new HandChannels(layout[hand[0]].Name, layout[hand[1]].Name, null) : null;
    }
}
