namespace ArmRnn.Data;

/// <summary>
/// One control of an OpenSim <c>ControlSet</c>: a named curve of a model control (usually a muscle excitation)
/// over time. The concrete kinds are <see cref="LinearControl"/> (<c>ControlLinear</c>) and
/// <see cref="ConstantControl"/> (<c>ControlConstant</c>).
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="DefaultMin"/> and <see cref="DefaultMax"/> are reported as read;
/// <see cref="Evaluate"/> does not clamp to them (OpenSim's controllers do not either).</remarks>
public abstract class OpenSimControl
{
    /// <summary>Initialises the properties shared by every kind of control.</summary>
    /// <param name="name">The control's name (for a muscle excitation, the muscle's name).</param>
    /// <param name="isModelControl">OpenSim's <c>is_model_control</c>.</param>
    /// <param name="extrapolate">OpenSim's <c>extrapolate</c>.</param>
    /// <param name="defaultMin">OpenSim's <c>default_min</c>.</param>
    /// <param name="defaultMax">OpenSim's <c>default_max</c>.</param>
    /// <param name="filterOn">OpenSim's <c>filter_on</c>.</param>
    private protected OpenSimControl(string name, bool isModelControl, bool extrapolate, double defaultMin, double defaultMax, bool filterOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        IsModelControl = isModelControl;
        Extrapolate = extrapolate;
        DefaultMin = defaultMin;
        DefaultMax = defaultMax;
        FilterOn = filterOn;
    }

    /// <summary>The control's name (for a muscle excitation, the muscle's name).</summary>
    public string Name { get; }

    /// <summary>Whether the control drives a model control (OpenSim's <c>is_model_control</c>, default true).</summary>
    public bool IsModelControl { get; }

    /// <summary>Whether the curve is extended linearly before its first node and after its last (OpenSim's
    /// <c>extrapolate</c>, default true). See <see cref="LinearControl.Evaluate"/>.</summary>
    public bool Extrapolate { get; }

    /// <summary>The lower bound OpenSim's optimisers use for the control (<c>default_min</c>, default 0.02).</summary>
    public double DefaultMin { get; }

    /// <summary>The upper bound OpenSim's optimisers use for the control (<c>default_max</c>, default 1).</summary>
    public double DefaultMax { get; }

    /// <summary>OpenSim's <c>filter_on</c> (a PD follower filter that OpenSim applies while it integrates). It is
    /// reported, not applied: <see cref="Evaluate"/> returns the curve as stored.</summary>
    public bool FilterOn { get; }

    /// <summary>The control's value at <paramref name="time"/> (s).</summary>
    /// <param name="time">The time (s); not NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public abstract double Evaluate(double time);
}
