using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.Tasks;

/// <summary>
/// The centre-out task of the poster: from wherever the hand starts, reach one of N targets evenly spaced on a
/// circle around the start, in the reach plane, after a go cue.
/// </summary>
/// <remarks>
/// Trial b reaches target b mod N at angle FirstTargetAngle + 2π(b mod N)/N. Its go cue comes at
/// GoCueTime + j seconds, rounded to the nearest step, where j is drawn uniformly in [−GoCueJitter, GoCueJitter)
/// from <c>random.Fork(b)</c> (no draw when the jitter is 0); the reference starts moving ReactionTime later
/// (rounded to whole steps). There are no catch trials.
/// </remarks>
public sealed class CenterOutTask : IReachTask
{
    private readonly CenterOutTaskOptions _options;

    /// <summary>Creates the task.</summary>
    /// <param name="options">Parameters (copied); the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, its value and the allowed range.</exception>
    public CenterOutTask(CenterOutTaskOptions? options = null)
    {
        _options = (options ?? new CenterOutTaskOptions()).Clone().EnsureValid();
    }

    /// <summary>The task's parameters (a copy; changing it does not affect the task).</summary>
    public CenterOutTaskOptions Options => _options.Clone();

    /// <inheritdoc />
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"center-out: {_options.TargetCount} targets at {_options.Radius} m, first at {_options.FirstTargetAngle} rad, go cue {_options.GoCueTime} ± {_options.GoCueJitter} s, reaction {_options.ReactionTime} s, movement {_options.MovementTime} s (minimum jerk), {_options.Plane}");

    /// <inheritdoc />
    public IReadOnlyList<string> InputNames => ReachTaskInputs.Names;

    /// <inheritdoc />
    public HandChannels Hand => _options.Hand;

    /// <summary>The angle (rad) of target <paramref name="target"/> in the plane, from U towards V.</summary>
    /// <param name="target">Target index in [0, TargetCount).</param>
    public double TargetAngle(int target)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, _options.TargetCount);
        return _options.FirstTargetAngle + (2 * Math.PI * target / _options.TargetCount);
    }

    /// <summary>The offset (m) of target <paramref name="target"/> from the start, in plane coordinates.</summary>
    /// <param name="target">Target index in [0, TargetCount).</param>
    public (double U, double V) TargetOffset(int target)
    {
        var angle = TargetAngle(target);
        return (_options.Radius * Math.Cos(angle), _options.Radius * Math.Sin(angle));
    }

    /// <inheritdoc />
    public ReachTaskBatch CreateBatch(int batchSize, int steps, double dt, TrajectoryArray startStates, StateLayout layout, DeterministicRandom random)
    {
        var hand = ReachBatchBuilder.CheckArguments(batchSize, steps, dt, startStates, layout, _options.Hand, random);
        ReachBatchBuilder.CheckSteps(nameof(CenterOutTask), steps, dt, _options.GoCueTime + _options.GoCueJitter, _options.ReactionTime, _options.MovementTime);
        var reactionSteps = ReachBatchBuilder.ToStep(_options.ReactionTime, dt);
        var trials = new ReachTrial[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            var stream = random.Fork((ulong)b);
            var jitter = _options.GoCueJitter > 0 ? stream.Uniform(-_options.GoCueJitter, _options.GoCueJitter) : 0.0;
            var cueStep = ReachBatchBuilder.ToStep(Math.Max(0.0, _options.GoCueTime + jitter), dt);
            var target = b % _options.TargetCount;
            var (u, v) = TargetOffset(target);
            var start = ReachBatchBuilder.ReadStart(startStates, b, hand);
            trials[b] = new ReachTrial(target, start, start + _options.Plane.ToOffset(u, v), cueStep, cueStep + reactionSteps, _options.MovementTime, IsCatchTrial: false);
        }

        return ReachBatchBuilder.Build(trials, steps, dt, _options.Plane);
    }

    /// <summary>
    /// One trial per target (trial k reaches target k), all from the same start state: the usual evaluation set.
    /// </summary>
    /// <param name="steps">Steps per trial.</param>
    /// <param name="dt">Control step (s).</param>
    /// <param name="startState">One state vector of <paramref name="layout"/>, used for every trial.</param>
    /// <param name="layout">The layout of <paramref name="startState"/>.</param>
    /// <param name="random">Source of randomness (for the go cue jitter).</param>
    /// <returns>A batch of <see cref="CenterOutTaskOptions.TargetCount"/> trials.</returns>
    public ReachTaskBatch CreateOnePerTarget(int steps, double dt, ReadOnlySpan<double> startState, StateLayout layout, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (startState.Length != layout.Count)
        {
            throw new ArgumentException($"The start state has {startState.Length} values but layout '{layout.Name}' has {layout.Count} channels.", nameof(startState));
        }

        var starts = new TrajectoryArray(_options.TargetCount, 1, layout.Count);
        for (var k = 0; k < _options.TargetCount; k++)
        {
            startState.CopyTo(starts.At(k, 0));
        }

        return CreateBatch(_options.TargetCount, steps, dt, starts, layout, random);
    }
}
