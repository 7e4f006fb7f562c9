using ArmRnn.Options;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// The standard analysis of a trained ControllerNet with its ArmNet on the centre-out task: records the closed loop
/// (<see cref="ClosedLoopRecorder"/>, ArmNet as the plant), averages per target, runs PCA, jPCA and tangling on the
/// averaged hidden states, and finds the closed-loop fixed points for each target with the go cue on
/// (<see cref="ClosedLoopMap"/>, starts drawn from the loop's own trajectory toward the target).
/// </summary>
public static class ControllerAnalysis
{
    /// <summary>Runs the analysis.</summary>
    /// <param name="controller">The controller (put in evaluation mode for the run, then restored).</param>
    /// <param name="armNet">The arm.</param>
    /// <param name="task">The centre-out task.</param>
    /// <param name="options">Options; the defaults when null.</param>
    /// <param name="progress">Receives a short description of each stage as it starts.</param>
    /// <param name="cancellationToken">Checked throughout.</param>
    /// <exception cref="ArgumentException">The networks and task do not fit together, or an option is invalid.</exception>
    public static ControllerAnalysisResult Run(
        ControllerNet controller,
        ArmNet armNet,
        CenterOutTask task,
        ControllerAnalysisOptions? options = null,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(armNet);
        ArgumentNullException.ThrowIfNull(task);
        var o = (options ?? new ControllerAnalysisOptions()).Clone().EnsureValid();
        var wasTraining = controller.training;
        controller.eval();
        try
        {
            progress?.Report("recording the closed loop");
            var trials = ClosedLoopRecorder.Record(controller, armNet, task, o.Recording, cancellationToken);
            var average = trials.Average(o.Recording);
            progress?.Report("population analysis (PCA, jPCA, tangling)");
            var flat = PopulationMatrix.Flatten(average.Hidden);
            var components = PrincipalComponents.Fit(flat, Math.Min(o.PrincipalComponents, average.Units));
            var jpca = JPca.Fit(average.Hidden, average.Dt, o.JPca);
            var tangling = Tangling.Compute(average.Hidden, average.Dt, o.Tangling);

            var start = new double[armNet.Layout.Count];
            for (var b = 0; b < trials.Trials.Count; b++)
            {
                var row = trials.InitialStates.At(b, 0);
                for (var i = 0; i < start.Length; i++)
                {
                    start[i] += row[i] / trials.Trials.Count;
                }
            }

            var finder = new FixedPointFinder(o.FixedPoints);
            var fixedPoints = new List<TargetFixedPoints>();
            for (var target = 0; target < task.Options.TargetCount; target++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report($"fixed points for target {target + 1} of {task.Options.TargetCount}");
                var input = TaskInput(controller, task, target);
                var map = new ClosedLoopMap(controller, armNet, input, start);
                var trajectory = FixedPointStarts.Simulate(map, [map.InitialState()], o.Recording.Steps);
                var starts = FixedPointStarts.Sample(trajectory, o.StartsPerTarget, new DeterministicRandom(o.FixedPoints.Seed).Fork((ulong)target));
                fixedPoints.Add(new TargetFixedPoints(target, input, map.ControllerStateSize, finder.Find(map, starts, cancellationToken)));
            }

            return new ControllerAnalysisResult(trials, average, components, jpca, tangling, fixedPoints);
        }
        finally
        {
            controller.train(wasTraining);
        }
    }

    /// <summary>The controller's task input for reaching <paramref name="target"/> with the go cue on.</summary>
    public static double[] TaskInput(ControllerNet controller, CenterOutTask task, int target)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(task);
        var (u, v) = task.TargetOffset(target);
        return [.. controller.TaskInputNames.Select(name => name switch
        {
            ReachTaskInputs.TargetU => u,
            ReachTaskInputs.TargetV => v,
            ReachTaskInputs.GoCue => 1.0,
            _ => throw new ArgumentException($"The controller reads task input '{name}', which the centre-out task does not provide.", nameof(controller)),
        })];
    }
}
