using ArmRnn.Abstractions;
using ArmRnn.Layouts;
using ArmRnn.Randomness;

namespace CustomPlant;

/// <summary>
/// A user's own plant: a planar two-joint arm (no gravity) moved by four muscle-like actuators (a flexor and an
/// extensor per joint) whose activations follow excitations with a 40 ms time constant and whose torque is
/// proportional to activation. Semi-implicit Euler at 1 ms inside each 10 ms control step. Everything the pipeline
/// needs comes through <see cref="IPlant"/>.
/// </summary>
internal sealed class TwoJointArm : IPlant
{
    private const double Upper = 0.30;         // segment lengths (m)
    private const double Lower = 0.33;
    private const double Inertia = 0.06;        // kg m², per joint, decoupled for simplicity
    private const double Damping = 0.4;         // N m s / rad
    private const double MaxTorque = 6.0;       // N m per muscle at full activation
    private const double Tau = 0.04;            // s, activation time constant
    private const double SubStep = 0.001;
    private static readonly string[] Muscles = ["shoulder_flexor", "shoulder_extensor", "elbow_flexor", "elbow_extensor"];

    private readonly double _range;

    /// <summary>Creates the arm.</summary>
    /// <param name="postureRange">Half-width (rad) of the sampled starting postures around (0.6, 1.4) rad.</param>
    public TwoJointArm(double postureRange) => _range = postureRange;

    /// <summary>Hand channels of <see cref="Layout"/>.</summary>
    public static HandChannels Hand { get; } = new("hand_x", "hand_y", null);

    public StateLayout Layout { get; } = new("two-joint-arm",
    [
        new StateChannel("shoulder", "rad", ChannelGroup.JointAngle, "shoulder"),
        new StateChannel("elbow", "rad", ChannelGroup.JointAngle, "elbow"),
        new StateChannel("shoulder_speed", "rad/s", ChannelGroup.JointSpeed, "shoulder"),
        new StateChannel("elbow_speed", "rad/s", ChannelGroup.JointSpeed, "elbow"),
        new StateChannel("hand_x", "m", ChannelGroup.HandPosition, "hand"),
        new StateChannel("hand_y", "m", ChannelGroup.HandPosition, "hand"),
        .. Muscles.Select(m => new StateChannel(m + "_activation", "1", ChannelGroup.Activation, m)),
    ]);

    public IReadOnlyList<string> ExcitationNames => Muscles;

    public double Dt => 0.01;

    public int BatchSize { get; private set; }

    public double Time { get; private set; }

    private double[] _state = [];

    public void SampleInitialStates(DeterministicRandom random, Span<double> states)
    {
        var c = Layout.Count;
        states.Clear();
        for (var b = 0; b < states.Length / c; b++)
        {
            var arm = random.Fork((ulong)b);
            states[b * c] = 0.6 + arm.Uniform(-_range, _range);
            states[(b * c) + 1] = 1.4 + arm.Uniform(-_range, _range);
        }
    }

    public void Reset(ReadOnlySpan<double> requestedStates, Span<double> initialStates)
    {
        var c = Layout.Count;
        if (requestedStates.Length % c != 0 || initialStates.Length != requestedStates.Length)
        {
            throw new ArgumentException($"Expected [batch, {c}] states; got {requestedStates.Length} and {initialStates.Length} values.");
        }

        BatchSize = requestedStates.Length / c;
        Time = 0;
        requestedStates.CopyTo(initialStates);
        for (var b = 0; b < BatchSize; b++)
        {
            Kinematics(initialStates.Slice(b * c, c));
        }

        _state = initialStates.ToArray();
    }

    public void Step(ReadOnlySpan<double> excitations, Span<double> states)
    {
        var c = Layout.Count;
        for (var b = 0; b < BatchSize; b++)
        {
            var s = _state.AsSpan(b * c, c);
            var e = excitations.Slice(b * Muscles.Length, Muscles.Length);
            for (var t = 0.0; t < Dt - 1e-12; t += SubStep)
            {
                for (var m = 0; m < Muscles.Length; m++)
                {
                    s[6 + m] += SubStep * (Math.Clamp(e[m], 0, 1) - s[6 + m]) / Tau;
                }

                for (var j = 0; j < 2; j++)
                {
                    var torque = MaxTorque * (s[6 + (2 * j)] - s[7 + (2 * j)]);
                    s[2 + j] += SubStep * (torque - (Damping * s[2 + j])) / Inertia;
                    s[j] += SubStep * s[2 + j];
                }
            }

            Kinematics(s);
        }

        Time += Dt;
        _state.CopyTo(states);
    }

    private static void Kinematics(Span<double> s)
    {
        s[4] = (Upper * Math.Cos(s[0])) + (Lower * Math.Cos(s[0] + s[1]));
        s[5] = (Upper * Math.Sin(s[0])) + (Lower * Math.Sin(s[0] + s[1]));
    }
}
