using System.Globalization;
using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Options;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Runs a <see cref="ControllerNet"/> on a plant (an <see cref="ArmNet"/> or any other <see cref="IPlant"/>) in closed
/// loop on the centre-out task, many trials per target, and records its hidden states with the task inputs,
/// excitations and arm states (<see cref="TrialRecording"/>).
/// </summary>
/// <remarks>
/// The controller runs in evaluation mode (restored afterwards) on its device; the plant is stepped on the host. At
/// step t the controller sees the task input of step t and the arm's state at the start of step t (its sensory delay
/// applied), exactly as in <see cref="Loops.ClosedLoop"/>. Trial b reaches target b mod N; start states are drawn
/// with the plant's <see cref="IPlant.SampleInitialStates"/> from <c>Fork(0)</c> of the seed and the task batch uses
/// <c>Fork(1)</c>. One dispose scope per step.
/// </remarks>
public static class ClosedLoopRecorder
{
    /// <summary>Records trials.</summary>
    /// <param name="controller">The controller; its excitations must be the plant's and its observed channels in the
    /// plant's layout.</param>
    /// <param name="plant">The plant (reset by this call).</param>
    /// <param name="task">The centre-out task (conditions are its targets).</param>
    /// <param name="options">Trials per target, steps, seed; the defaults when null.</param>
    /// <param name="cancellationToken">Checked every step.</param>
    /// <exception cref="ArgumentException">The controller, plant and task do not fit together.</exception>
    public static TrialRecording Record(ControllerNet controller, IPlant plant, CenterOutTask task, RecordingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(task);
        var o = (options ?? new RecordingOptions()).Clone().EnsureValid();
        if (!controller.ExcitationNames.SequenceEqual(plant.ExcitationNames, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The controller produces [{string.Join(", ", controller.ExcitationNames)}] but the plant takes [{string.Join(", ", plant.ExcitationNames)}].",
                nameof(controller));
        }

        var layout = plant.Layout;
        var observed = controller.ObservedChannels.Where(c => !layout.Contains(c)).ToList();
        if (observed.Count > 0)
        {
            throw new ArgumentException($"The controller observes channels that layout '{layout.Name}' lacks: {string.Join(", ", observed.Take(5))}.", nameof(plant));
        }

        var inputMap = controller.TaskInputNames.Select(name =>
        {
            var index = task.InputNames.ToList().IndexOf(name);
            return index >= 0 ? (long)index : throw new ArgumentException($"The controller reads task input '{name}' but the task provides [{string.Join(", ", task.InputNames)}].", nameof(task));
        }).ToArray();

        var conditions = task.Options.TargetCount;
        var batch = conditions * o.TrialsPerCondition;
        var random = new DeterministicRandom(o.Seed);
        var requested = new TrajectoryArray(batch, 1, layout.Count);
        plant.SampleInitialStates(random.Fork(0), requested.AsSpan());
        var initial = new TrajectoryArray(batch, 1, layout.Count);
        plant.Reset(requested.AsSpan(), initial.AsSpan());
        var trials = task.CreateBatch(batch, o.Steps, plant.Dt, initial, layout, random.Fork(1));

        var hidden = new TrajectoryArray(batch, o.Steps, controller.Options.HiddenSize);
        var excitations = new TrajectoryArray(batch, o.Steps, plant.ExcitationNames.Count);
        var states = new TrajectoryArray(batch, o.Steps, layout.Count);
        var inputs = trials.Inputs.Values.SelectChannels([.. inputMap.Select(i => (int)i)]);
        var state = initial.AsSpan().ToArray();
        var excitation = new double[batch * plant.ExcitationNames.Count];
        var hiddenHost = new double[batch * controller.Options.HiddenSize];
        var delay = controller.Options.SensoryDelaySteps;
        var wasTraining = controller.training;
        controller.eval();
        var history = new List<Tensor>();
        Tensor? h = null;
        try
        {
            h = controller.InitialHidden(batch).DetachFromDisposeScope();
            for (var t = 0; t < o.Steps; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                using var noGrad = torch.no_grad();
                var raw = TensorConversions.ToTensor(state, batch, layout.Count, controller.Device);
                history.Add(controller.Observe(raw).DetachFromDisposeScope());
                if (history.Count > delay + 1)
                {
                    history[0].Dispose();
                    history.RemoveAt(0);
                }

                var u = TensorConversions.ToTensor(StepValues(inputs, t), batch, inputs.Channels, controller.Device);
                var (e, next) = controller.Step(u, history[0], h);
                TensorConversions.CopyTo(e, excitation);
                TensorConversions.CopyTo(next[-1], hiddenHost);
                h.Dispose();
                h = next.DetachFromDisposeScope();
                plant.Step(excitation, state);
                excitations.SetStep(t, excitation);
                states.SetStep(t, state);
                hidden.SetStep(t, hiddenHost);
            }
        }
        finally
        {
            h?.Dispose();
            foreach (var tensor in history)
            {
                tensor.Dispose();
            }

            controller.train(wasTraining);
        }

        var provenance = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["controller"] = string.Create(CultureInfo.InvariantCulture, $"ControllerNet, {controller.Options.HiddenSize} hidden units, delay {delay} steps"),
            ["plant"] = plant.GetType().FullName ?? plant.GetType().Name,
            ["task"] = task.Description,
            ["seed"] = o.Seed.ToString(CultureInfo.InvariantCulture),
            ["trials_per_condition"] = o.TrialsPerCondition.ToString(CultureInfo.InvariantCulture),
        };
        return new TrialRecording(layout, plant.ExcitationNames, controller.TaskInputNames, plant.Dt, task.Hand, conditions, trials.Trials, initial, hidden, inputs, excitations, states, provenance);
    }

    private static double[] StepValues(TrajectoryArray array, int step)
    {
        var values = new double[array.BatchSize * array.Channels];
        array.CopyStepTo(step, values);
        return values;
    }
}
