using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.Tasks;

/// <summary>
/// Reaches to random targets around the start, with random go cue times and a fraction of catch trials.
/// </summary>
/// <remarks>
/// Trial b draws from <c>random.Fork(b)</c>, always in this order: catch (uniform &lt; CatchTrialProbability),
/// distance r = √U(MinDistance², MaxDistance²) (uniform over the area of the annulus), angle uniform in [0, 2π)
/// from U towards V, go cue time uniform in [MinGoCueTime, MaxGoCueTime] (rounded to the nearest step), movement time
/// uniform in [MinMovementTime, MaxMovementTime]. Catch trials keep their target (it is shown) but have no go cue
/// and a reference that stays at the start. Every trial's <see cref="ReachTrial.Condition"/> is -1.
/// </remarks>
public sealed class RandomReachTask : IReachTask
{
    private readonly RandomReachTaskOptions _options;

    /// <summary>Creates the task.</summary>
    /// <param name="options">Parameters (copied); the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, its value and the allowed range.</exception>
    public RandomReachTask(RandomReachTaskOptions? options = null)
    {
        _options = (options ?? new RandomReachTaskOptions()).Clone().EnsureValid();
    }

    /// <summary>The task's parameters (a copy; changing it does not affect the task).</summary>
    public RandomReachTaskOptions Options => _options.Clone();

    /// <inheritdoc />
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"random reach: targets {_options.MinDistance} to {_options.MaxDistance} m (area-uniform), go cue {_options.MinGoCueTime} to {_options.MaxGoCueTime} s, reaction {_options.ReactionTime} s, movement {_options.MinMovementTime} to {_options.MaxMovementTime} s (minimum jerk), catch trials {_options.CatchTrialProbability}, {_options.Plane}");

    /// <inheritdoc />
    public IReadOnlyList<string> InputNames => ReachTaskInputs.Names;

    /// <inheritdoc />
    public HandChannels Hand => _options.Hand;

    /// <inheritdoc />
    public ReachTaskBatch CreateBatch(int batchSize, int steps, double dt, TrajectoryArray startStates, StateLayout layout, DeterministicRandom random)
    {
        var hand = ReachBatchBuilder.CheckArguments(batchSize, steps, dt, startStates, layout, _options.Hand, random);
        ReachBatchBuilder.CheckSteps(nameof(RandomReachTask), steps, dt, _options.MaxGoCueTime, _options.ReactionTime, _options.MaxMovementTime);
        var reactionSteps = ReachBatchBuilder.ToStep(_options.ReactionTime, dt);
        var minSquared = _options.MinDistance * _options.MinDistance;
        var maxSquared = _options.MaxDistance * _options.MaxDistance;
        var trials = new ReachTrial[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            var stream = random.Fork((ulong)b);
            var isCatch = stream.NextDouble() < _options.CatchTrialProbability;
            var distance = Math.Sqrt(stream.Uniform(minSquared, maxSquared));
            var angle = stream.Uniform(0, 2 * Math.PI);
            var cueTime = stream.Uniform(_options.MinGoCueTime, _options.MaxGoCueTime);
            var movementTime = stream.Uniform(_options.MinMovementTime, _options.MaxMovementTime);
            var start = ReachBatchBuilder.ReadStart(startStates, b, hand);
            var target = start + _options.Plane.ToOffset(distance * Math.Cos(angle), distance * Math.Sin(angle));
            var cueStep = isCatch ? -1 : ReachBatchBuilder.ToStep(cueTime, dt);
            var movementStep = isCatch ? -1 : cueStep + reactionSteps;
            trials[b] = new ReachTrial(-1, start, target, cueStep, movementStep, movementTime, isCatch);
        }

        return ReachBatchBuilder.Build(trials, steps, dt, _options.Plane);
    }
}
