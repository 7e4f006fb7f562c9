using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Geometry;
using ArmRnn.Loops;
using ArmRnn.Metrics;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;

namespace ArmRnn.Torch.Pipeline;

/// <summary>
/// A ControllerNet on the centre-out task, one reach per target from the home posture (no go-cue jitter), driving
/// the real plant and an ArmNet in closed loop: endpoint error per target and deviation from the straight line (both in
/// the task's plane, see <see cref="ReachMetricsOptions.Plane"/>), peak
/// speed and movement time on each, and the mean distance between the two end points.
/// </summary>
public static class CenterOutEvaluation
{
    /// <summary>Runs the reaches on both plants and scores them.</summary>
    /// <param name="plant">The real plant (it is simulated).</param>
    /// <param name="home">Draws the home posture: the first state it samples from <c>random.Fork(0)</c>, completed by
    /// <paramref name="plant"/>'s <see cref="IPlant.Reset"/> (e.g. the plant with a zero posture range: its centre
    /// posture).</param>
    /// <param name="armNet">The surrogate plant (its layout must be the plant's).</param>
    /// <param name="controller">The controller (put in evaluation mode).</param>
    /// <param name="task">The task; its go-cue jitter is ignored (set to 0).</param>
    /// <param name="steps">Control steps per reach.</param>
    /// <param name="random">The home posture comes from <c>Fork(0)</c>, the trials from <c>Fork(1)</c>.</param>
    /// <param name="generation">Recorded in the result and the trajectories.</param>
    /// <param name="cancellationToken">Checked every step.</param>
    /// <returns>The scores and the reaches on the real plant and on ArmNet (one trajectory per target, in the order
    /// <see cref="CenterOutTask.CreateOnePerTarget"/> makes them).</returns>
    /// <exception cref="ArgumentException">The plant, the networks or the task do not fit together.</exception>
    public static (ControllerEvaluation Evaluation, TrajectoryBatch OnPlant, TrajectoryBatch OnArmNet) Run(
        IPlant plant,
        IPlant home,
        ArmNet armNet,
        ControllerNet controller,
        CenterOutTaskOptions task,
        int steps,
        DeterministicRandom random,
        int generation = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(armNet);
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var layout = plant.Layout;
        var difference = layout.DescribeChannelDifference(armNet.Layout);
        if (difference is not null)
        {
            throw new ArgumentException($"ArmNet's state layout differs from the plant's: {difference}", nameof(armNet));
        }

        var requested = new double[layout.Count];
        home.SampleInitialStates(random.Fork(0), requested);
        var start = new double[layout.Count];
        plant.Reset(requested, start);

        var taskOptions = task.Clone();
        taskOptions.GoCueJitter = 0;
        var trials = new CenterOutTask(taskOptions).CreateOnePerTarget(steps, plant.Dt, start, layout, random.Fork(1));
        var starts = new TrajectoryArray(trials.BatchSize, 1, layout.Count);
        for (var b = 0; b < trials.BatchSize; b++)
        {
            start.CopyTo(starts.At(b, 0));
        }

        controller.eval();
        var onPlant = new ClosedLoop(plant, controller).Run(starts, trials.Inputs, generation, cancellationToken);
        var onArmNet = new ClosedLoop(armNet, controller).Run(starts, trials.Inputs, generation, cancellationToken);

        var plantPaths = HandPath.Extract(onPlant, taskOptions.Hand);
        var armNetPaths = HandPath.Extract(onArmNet, taskOptions.Hand);
        var gap = 0.0;
        for (var b = 0; b < trials.BatchSize; b++)
        {
            var a = plantPaths.At(b, plantPaths.Steps - 1);
            var n = armNetPaths.At(b, armNetPaths.Steps - 1);
            gap += trials.Plane.Project(Point3.FromSpan(a) - Point3.FromSpan(n)).Length;
        }

        var evaluation = new ControllerEvaluation(
            generation,
            Summarize(plantPaths, trials, plant.Dt),
            Summarize(armNetPaths, trials, plant.Dt),
            gap / trials.BatchSize);
        return (evaluation, onPlant, onArmNet);
    }

    /// <summary>Scores one set of reaches, per target in target order.</summary>
    /// <param name="paths">Hand paths <c>[trial, time, 3]</c> (e.g. from <see cref="HandPath.Extract(TrajectoryBatch, ArmRnn.Layouts.HandChannels)"/>).</param>
    /// <param name="trials">The trials the paths are of.</param>
    /// <param name="dt">The control step (s).</param>
    public static ReachEvaluation Summarize(TrajectoryArray paths, ReachTaskBatch trials, double dt)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(trials);
        var outcomes = ReachMetrics.ComputeBatch(paths, trials.Trials, dt, new ReachMetricsOptions { Plane = trials.Plane });
        var byTarget = Enumerable.Range(0, outcomes.Count).OrderBy(b => trials.Trials[b].Condition).Select(b => outcomes[b]).ToList();
        var ended = byTarget.Where(o => !double.IsNaN(o.MovementTime)).ToList();
        return new ReachEvaluation(
            byTarget.Average(o => o.EndpointError),
            byTarget.Max(o => o.MaxDeviation),
            byTarget.Average(o => o.MaxDeviation),
            byTarget.Average(o => o.PeakSpeed),
            ended.Count > 0 ? ended.Average(o => o.MovementTime) : double.NaN,
            [.. byTarget.Select(o => o.EndpointError)],
            [.. byTarget.Select(o => o.MaxDeviation)],
            [.. byTarget.Select(o => o.PeakSpeed)],
            [.. byTarget.Select(o => o.MovementTime)]);
    }
}
