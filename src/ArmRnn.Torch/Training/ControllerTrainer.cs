using System.Diagnostics;
using System.Text.Json;
using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Geometry;
using ArmRnn.Options;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Training;

/// <summary>
/// Trains a <see cref="ControllerNet"/> through a frozen <see cref="ArmNet"/> by backpropagation through time: the
/// controller drives ArmNet step by step in closed loop (it sees ArmNet's previous state), and the loss compares the
/// hand with the task's minimum-jerk reference (plus effort and hidden-activity penalties, see
/// <see cref="ControllerTrainingOptions"/>).
/// </summary>
/// <remarks>
/// <para>ArmNet is frozen for the whole run: its parameters get <c>requires_grad = false</c> (restored afterwards) and
/// are not given to the optimiser, so they stay bit-identical; gradients flow through it to the controller.</para>
/// <para>Iteration i draws its trials from <c>new DeterministicRandom(Seed).Fork(i)</c> (start states from
/// <c>Fork(0)</c> of that, the task batch from <c>Fork(1)</c>), so a run resumed from its checkpoint repeats the
/// uninterrupted run. One dispose scope per iteration.</para>
/// </remarks>
public sealed class ControllerTrainer
{
    private const string OptimizerSection = "optimizer";
    private const string NoiseSection = "noise_generator";

    private readonly ControllerTrainingOptions _options;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">The options (copied); <see cref="ControllerTrainingOptions.Default"/> when null.</param>
    public ControllerTrainer(ControllerTrainingOptions? options = null)
    {
        _options = (options ?? ControllerTrainingOptions.Default()).Clone().EnsureValid();
    }

    /// <summary>Raised every <see cref="ControllerTrainingOptions.ReportEvery"/> iterations and after the last.</summary>
    public event EventHandler<ControllerIterationReport>? ProgressReported;

    /// <summary>The options (a copy).</summary>
    public ControllerTrainingOptions Options => _options.Clone();

    /// <summary>Trains <paramref name="controller"/> in place.</summary>
    /// <param name="controller">The controller (its excitations must be ArmNet's, its layout ArmNet's, and its task
    /// inputs must all be among the task's).</param>
    /// <param name="armNet">The frozen surrogate plant.</param>
    /// <param name="task">Makes the trials (task inputs and reference hand paths).</param>
    /// <param name="startStates">Draws and completes the trials' starting states (e.g. the real plant:
    /// <c>SampleInitialStates</c> then <c>Reset</c>); ArmNet's own <see cref="ArmNet.SampleInitialStates"/> when null.</param>
    /// <param name="progress">Receives the reports.</param>
    /// <param name="cancellationToken">Checked every iteration.</param>
    /// <exception cref="ArgumentException">The networks or the task do not fit together.</exception>
    public ControllerTrainingResult Train(
        ControllerNet controller,
        ArmNet armNet,
        IReachTask task,
        IPlant? startStates = null,
        IProgress<ControllerIterationReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(armNet);
        ArgumentNullException.ThrowIfNull(task);
        var inputMap = CheckCompatibility(controller, armNet, task);
        var frozen = armNet.parameters().Select(p => (Parameter: p, p.requires_grad)).ToList();
        var armWasTraining = armNet.training;
        var parameters = controller.parameters().ToList();
        using var optimizer = TrainingSupport.CreateOptimizer(_options.Optimization, parameters);
        var reports = new List<ControllerIterationReport>();
        var start = 0;
        try
        {
            foreach (var (parameter, _) in frozen)
            {
                parameter.requires_grad = false;
            }

            armNet.eval();
            controller.train();
            controller.SeedNoise(_options.Seed);
            if (_options.CheckpointPath is not null && _options.ResumeFromCheckpoint && File.Exists(_options.CheckpointPath))
            {
                start = Resume(controller, optimizer, reports);
            }

            for (var iteration = start; iteration < _options.Iterations; iteration++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                var rate = TrainingSupport.SetLearningRate(optimizer, _options.Optimization, iteration, _options.Iterations);
                var random = new DeterministicRandom(_options.Seed).Fork((ulong)iteration);
                var trials = CreateTrials(armNet, task, startStates, random);
                var noise = _options.ExcitationNoiseStd > 0
                    ? ExcitationNoise.Sample(random.Fork(ExcitationNoise.IterationStream), _options.BatchSize, _options.Steps, armNet.ExcitationNames.Count, _options.ExcitationNoiseStd)
                    : null;
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                var terms = Unroll(controller, armNet, task, trials.Start, trials.Batch, inputMap, noise);
                var loss = (terms.Position * _options.PositionWeight) + (terms.Hold * _options.HoldWeight) + (terms.Effort * _options.EffortWeight)
                    + (terms.ExcitationChange * _options.ExcitationChangeWeight)
                    + (terms.Activity * _options.HiddenActivityWeight) + (terms.Change * _options.HiddenChangeWeight);
                loss.backward();
                TrainingSupport.ClipAndStep(optimizer, parameters, _options.Optimization.GradientClipNorm);
                var last = iteration == _options.Iterations - 1;
                if (last || (iteration + 1) % _options.ReportEvery == 0)
                {
                    var report = new ControllerIterationReport(
                        iteration,
                        _options.Iterations,
                        loss.item<float>(),
                        terms.Position.item<float>(),
                        terms.Hold.item<float>(),
                        terms.Effort.item<float>(),
                        terms.Activity.item<float>(),
                        terms.Change.item<float>(),
                        MeanFinalDistance(terms.FinalHand, trials.Batch, task),
                        rate,
                        watch.Elapsed.TotalSeconds,
                        terms.ExcitationChange.item<float>());
                    reports.Add(report);
                    // Earlier iterations' tensors are freed: collect their handles and hand the C heap's free pages
                    // back (see ArmNetTrainer).
                    TrainingMemory.ReleaseAfterPeriod();
                    ProgressReported?.Invoke(this, report);
                    progress?.Report(report);
                }

                if (_options.CheckpointPath is not null && (last || (iteration + 1) % _options.CheckpointEvery == 0))
                {
                    SaveCheckpoint(controller, optimizer, iteration + 1, reports);
                }
            }

            return new ControllerTrainingResult(reports, start);
        }
        finally
        {
            foreach (var (parameter, requiresGrad) in frozen)
            {
                parameter.requires_grad = requiresGrad;
            }

            armNet.train(armWasTraining);
            controller.eval();
        }
    }

    /// <summary>
    /// Runs <paramref name="controller"/> against <paramref name="armNet"/> in closed loop on a batch of trials,
    /// without gradients, and returns ArmNet's hand positions <c>[batch, time, 3]</c> (z = 0 for planar hands).
    /// </summary>
    /// <param name="controller">The controller.</param>
    /// <param name="armNet">The surrogate plant.</param>
    /// <param name="task">The task the trials come from (names the hand channels).</param>
    /// <param name="startStates">The trials' starting states, <c>[batch, 1, channels]</c>.</param>
    /// <param name="trials">The trials.</param>
    /// <param name="excitationNoise">Motor noise <c>[batch, steps, excitations]</c> added to the controller's excitations
    /// before ArmNet reads them (the sum clamped to [0, 1]), as in training with
    /// <see cref="ControllerTrainingOptions.ExcitationNoiseStd"/>; none when null.</param>
    /// <exception cref="ArgumentException">The networks, the task or the noise's shape do not fit together.</exception>
    public static TrajectoryArray RunClosedLoop(
        ControllerNet controller, ArmNet armNet, IReachTask task, TrajectoryArray startStates, ReachTaskBatch trials, TrajectoryArray? excitationNoise = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(armNet);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(startStates);
        ArgumentNullException.ThrowIfNull(trials);
        var map = CheckCompatibility(controller, armNet, task);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var terms = Unroll(controller, armNet, task, startStates, trials, map, excitationNoise, keepHand: true);
        return TensorConversions.ToTrajectoryArray(terms.Hand!);
    }

    private static long[] CheckCompatibility(ControllerNet controller, ArmNet armNet, IReachTask task)
    {
        if (!controller.ExcitationNames.SequenceEqual(armNet.ExcitationNames, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The controller produces [{string.Join(", ", controller.ExcitationNames)}] but ArmNet reads [{string.Join(", ", armNet.ExcitationNames)}].",
                nameof(controller));
        }

        var difference = controller.Layout.DescribeChannelDifference(armNet.Layout);
        if (difference is not null)
        {
            throw new ArgumentException($"The controller's state layout differs from ArmNet's: {difference}", nameof(controller));
        }

        var map = new long[controller.TaskInputNames.Count];
        for (var i = 0; i < map.Length; i++)
        {
            var index = task.InputNames.ToList().IndexOf(controller.TaskInputNames[i]);
            map[i] = index >= 0
                ? index
                : throw new ArgumentException($"The controller reads task input '{controller.TaskInputNames[i]}' but the task provides [{string.Join(", ", task.InputNames)}].", nameof(task));
        }

        _ = task.Hand.IndicesIn(armNet.Layout);
        return map;
    }

    private (TrajectoryArray Start, ReachTaskBatch Batch) CreateTrials(ArmNet armNet, IReachTask task, IPlant? startStates, DeterministicRandom random)
    {
        var layout = armNet.Layout;
        var start = new TrajectoryArray(_options.BatchSize, 1, layout.Count);
        if (startStates is null)
        {
            armNet.SampleInitialStates(random.Fork(0), start.AsSpan());
        }
        else
        {
            var requested = new double[start.Length];
            startStates.SampleInitialStates(random.Fork(0), requested);
            startStates.Reset(requested, start.AsSpan());
        }

        var batch = task.CreateBatch(_options.BatchSize, _options.Steps, armNet.Dt, start, layout, random.Fork(1));
        return (start, batch);
    }

    private readonly record struct LossTerms(Tensor Position, Tensor Hold, Tensor Effort, Tensor ExcitationChange, Tensor Activity, Tensor Change, Tensor FinalHand, Tensor? Hand);

    private static LossTerms Unroll(
        ControllerNet controller, ArmNet armNet, IReachTask task, TrajectoryArray startStates, ReachTaskBatch trials, long[] inputMap, TrajectoryArray? excitationNoise, bool keepHand = false)
    {
        var device = armNet.Device;
        if (excitationNoise is not null
            && (excitationNoise.BatchSize != trials.BatchSize || excitationNoise.Steps != trials.Steps || excitationNoise.Channels != armNet.ExcitationNames.Count))
        {
            throw new ArgumentException(
                $"The excitation noise is [{excitationNoise.BatchSize}, {excitationNoise.Steps}, {excitationNoise.Channels}] but the trials need [{trials.BatchSize}, {trials.Steps}, {armNet.ExcitationNames.Count}] (batch, steps, excitations).",
                nameof(excitationNoise));
        }

        var noise = excitationNoise is null ? null : TensorConversions.ToTensor(excitationNoise, device);
        var (hx, hy, hz) = task.Hand.IndicesIn(armNet.Layout);
        var handIndices = hz >= 0 ? new long[] { hx, hy, hz } : [hx, hy];
        var handIndex = torch.tensor(handIndices, device: device);
        var handStd = armNet.Normalization.Std;
        var handMean = armNet.Normalization.Mean;
        var std = torch.tensor(handIndices.Select(i => (float)handStd[(int)i]).ToArray(), device: device);
        var mean = torch.tensor(handIndices.Select(i => (float)handMean[(int)i]).ToArray(), device: device);
        var (planeAxes, planeScale) = PlaneProjection(trials.Plane, handIndices.Select(i => handStd[(int)i]).ToArray(), device);
        var observation = ObservationFromArmNet.Create(controller, armNet, device);

        var s0 = TensorConversions.ToTensor(startStates, device).squeeze(1);
        var s0n = armNet.Normalize(s0);
        var armHidden = armNet.InitialHidden(s0n);
        var batch = startStates.BatchSize;
        var hidden = controller.InitialHidden(batch);
        var inputs = TensorConversions.ToTensor(trials.Inputs.Values, device).index_select(2, torch.tensor(inputMap, device: device));
        var reference = TensorConversions.ToTensor(trials.ReferenceHand, device).narrow(2, 0, handIndices.Length);
        var delay = controller.Options.SensoryDelaySteps;
        var history = new List<Tensor> { controller.Observe(s0) };
        var hands = new List<Tensor>(trials.Steps);
        var excitations = new List<Tensor>(trials.Steps);
        var hiddens = new List<Tensor>(trials.Steps);
        for (var t = 0; t < trials.Steps; t++)
        {
            var observed = history[Math.Max(0, history.Count - 1 - delay)];
            var (e, next) = controller.Step(inputs.select(1, t), observed, hidden);
            // Motor noise perturbs what reaches the plant; the effort term below scores what the controller commanded.
            var applied = noise is null ? e : (e + noise.select(1, t)).clamp(0, 1);
            var (normalized, armNext) = armNet.Run(applied.unsqueeze(1), armHidden, s0n);
            var state = normalized.squeeze(1);
            history.Add(observation.Observe(state));
            if (history.Count > delay + 2)
            {
                history.RemoveAt(0);
            }

            hands.Add(state.index_select(1, handIndex));
            excitations.Add(e);
            hiddens.Add(next[-1]);
            hidden = next;
            armHidden = armNext;
        }

        // The hand in physical units (m), denormalised once for the whole unroll.
        var hand = torch.addcmul(mean, torch.stack(hands, 1), std, 1);
        // The error in the task's plane only, each in-plane axis scaled by the hand's spread along it: the reference lies
        // in the plane, and the hand's offset from it follows from the arm's kinematics (Arm26's hand z varies by a few
        // mm with posture, and scaled by z's own small std that offset outweighed centimetres of in-plane error).
        var squaredError = ((hand - reference).matmul(planeAxes) / planeScale).square();
        var position = squaredError.mean();
        var holdMask = torch.tensor(HoldMask(trials), device: device).reshape(trials.BatchSize, trials.Steps, 1);
        var hold = (squaredError * holdMask).sum() / (holdMask.sum().clamp_min(1) * 2);
        var allExcitations = torch.stack(excitations, 1);
        var effort = allExcitations.square().mean();
        var steps = allExcitations.shape[1];
        var excitationChange = steps > 1
            ? (allExcitations.narrow(1, 1, steps - 1) - allExcitations.narrow(1, 0, steps - 1)).square().mean()
            : torch.zeros_like(effort);
        var h = torch.stack(hiddens, 1);
        var activity = h.square().mean();
        var previous = torch.cat([torch.zeros_like(h.narrow(1, 0, 1)), h.narrow(1, 0, h.shape[1] - 1)], 1);
        var change = (h - previous).square().mean();
        Tensor? fullHand = null;
        if (keepHand)
        {
            fullHand = hz >= 0 ? hand : torch.cat([hand, torch.zeros_like(hand.narrow(2, 0, 1))], 2);
        }

        return new LossTerms(position, hold, effort, excitationChange, activity, change, hand.select(1, -1).detach(), fullHand);
    }

    /// <summary>The plane's axes U and V as the columns of a <c>[hand dims, 2]</c> matrix over the hand's coordinates
    /// (x, y, and z when the layout has it), and the hand's spread along each, <c>sqrt(Σ_i axis_i² · std_i²)</c> (for the
    /// x-y plane: the x and y channels' std).</summary>
    private static (Tensor Axes, Tensor Scale) PlaneProjection(ReachPlane plane, double[] handStd, Device device)
    {
        var dims = handStd.Length;
        double[] u = [plane.U.X, plane.U.Y, plane.U.Z];
        double[] v = [plane.V.X, plane.V.Y, plane.V.Z];
        var axes = new float[dims * 2];
        double su = 0, sv = 0;
        for (var i = 0; i < dims; i++)
        {
            axes[2 * i] = (float)u[i];
            axes[(2 * i) + 1] = (float)v[i];
            su += u[i] * u[i] * handStd[i] * handStd[i];
            sv += v[i] * v[i] * handStd[i] * handStd[i];
        }

        if (!(su > 0) || !(sv > 0))
        {
            throw new ArgumentException($"The hand has no spread along the reach {plane} (a planar hand without z cannot reach in a plane that leaves x-y).", nameof(plane));
        }

        return (torch.tensor(axes, device: device).reshape(dims, 2), torch.tensor(new[] { (float)Math.Sqrt(su), (float)Math.Sqrt(sv) }, device: device));
    }

    /// <summary>1 where the hand sample of step t (at the end of the step, time (t+1)·dt) is due at the target: at or
    /// after the reference's arrival, or anywhere in a catch trial; 0 elsewhere. Laid out [batch, steps].</summary>
    private static float[] HoldMask(ReachTaskBatch trials)
    {
        var mask = new float[trials.BatchSize * trials.Steps];
        for (var b = 0; b < trials.BatchSize; b++)
        {
            var trial = trials.Trials[b];
            // Half a step of slack: arrival times are sums of floating-point step counts and durations.
            var first = trial.IsCatchTrial || trial.MovementStartStep < 0
                ? 0
                : Math.Max(0, (int)Math.Ceiling(((trial.MovementStartStep * trials.Dt) + trial.MovementTime) / trials.Dt - 0.5) - 1);
            for (var t = first; t < trials.Steps; t++)
            {
                mask[(b * trials.Steps) + t] = 1f;
            }
        }

        return mask;
    }

    private static double MeanFinalDistance(Tensor finalHand, ReachTaskBatch trials, IReachTask task)
    {
        var values = new double[finalHand.numel()];
        TensorConversions.CopyTo(finalHand, values);
        var k = (int)finalHand.shape[1];
        var total = 0.0;
        for (var b = 0; b < trials.BatchSize; b++)
        {
            var target = trials.Trials[b].IsCatchTrial ? trials.Trials[b].Start : trials.Trials[b].Target;
            var dx = values[b * k] - target.X;
            var dy = values[(b * k) + 1] - target.Y;
            var dz = k > 2 ? values[(b * k) + 2] - target.Z : (task.Hand.Z is null ? 0 : -target.Z);
            total += trials.Plane.Project(new Point3(dx, dy, dz)).Length;
        }

        return total / trials.BatchSize;
    }

    private int Resume(ControllerNet controller, OptimizerHelper optimizer, List<ControllerIterationReport> reports)
    {
        var path = _options.CheckpointPath!;
        var (metadata, sections) = CheckpointFile.Read(path);
        var differences = ControllerNetCheckpoint.DescribeDifferences(metadata, controller);
        if (differences.Count > 0 || metadata.Progress is null)
        {
            throw new InvalidDataException(
                metadata.Progress is null
                    ? $"{path} is not a resumable training checkpoint; delete it or set ResumeFromCheckpoint = false."
                    : $"{path} cannot be resumed with this controller: {string.Join("; ", differences)}.");
        }

        controller.ReadStateDict(sections[ArmNetCheckpoint.StateDictSection]);
        TrainingSupport.LoadOptimizer(optimizer, sections[OptimizerSection]);
        if (sections.TryGetValue(NoiseSection, out var noise))
        {
            using var state = torch.tensor(noise, dtype: ScalarType.Byte);
            controller.NoiseGenerator.set_state(state);
        }

        if (metadata.Progress.Reports is not null)
        {
            reports.AddRange(metadata.Progress.Reports.Deserialize<List<ControllerIterationReport>>(CheckpointFile.JsonOptions) ?? []);
        }

        return metadata.Progress.CompletedPeriods;
    }

    private void SaveCheckpoint(ControllerNet controller, OptimizerHelper optimizer, int completed, List<ControllerIterationReport> reports)
    {
        var metadata = ControllerNetCheckpoint.CreateMetadata(controller, 0, _options.Seed, _options.ToJson());
        metadata.Progress = new TrainingProgressState
        {
            CompletedPeriods = completed,
            Reports = JsonSerializer.SerializeToNode(reports, CheckpointFile.JsonOptions)!.AsArray(),
        };
        var optimizerBytes = TrainingSupport.SaveOptimizer(optimizer);
        using var noiseState = controller.NoiseGenerator.get_state();
        var noiseBytes = noiseState.data<byte>().ToArray();
        CheckpointFile.Write(_options.CheckpointPath!, metadata,
        [
            new(ArmNetCheckpoint.StateDictSection, controller.WriteStateDict),
            new(OptimizerSection, w => w.Write(optimizerBytes)),
            new(NoiseSection, w => w.Write(noiseBytes)),
        ]);
    }
}
