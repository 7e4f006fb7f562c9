using ArmRnn.Abstractions;

namespace ArmRnn.Core.Tests.TestSupport;

/// <summary>A controller that outputs a fixed pattern and records what it was shown, for loop tests.</summary>
internal sealed class RecordingController(IReadOnlyList<string> excitationNames, Func<int, int, double> excitation) : IController
{
    private int _step;

    public IReadOnlyList<string> ExcitationNames { get; } = excitationNames;

    public ControllerContext? Context { get; private set; }

    public List<double[]> SeenStates { get; } = [];

    public List<double[]> SeenInputs { get; } = [];

    public void Reset(ControllerContext context)
    {
        Context = context;
        _step = 0;
        SeenStates.Clear();
        SeenInputs.Clear();
    }

    public void Act(ReadOnlySpan<double> taskInputs, ReadOnlySpan<double> previousStates, Span<double> excitations)
    {
        SeenStates.Add(previousStates.ToArray());
        SeenInputs.Add(taskInputs.ToArray());
        for (var i = 0; i < excitations.Length; i++)
        {
            excitations[i] = excitation(_step, i);
        }

        _step++;
    }
}
