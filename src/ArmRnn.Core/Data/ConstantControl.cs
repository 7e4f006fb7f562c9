namespace ArmRnn.Data;

/// <summary>An OpenSim <c>ControlConstant</c>: the same value at every time.</summary>
public sealed class ConstantControl : OpenSimControl
{
    /// <summary>Creates a constant control.</summary>
    /// <param name="name">The control's name.</param>
    /// <param name="value">The value at every time (OpenSim's <c>value</c>).</param>
    /// <param name="isModelControl">OpenSim's <c>is_model_control</c>.</param>
    /// <param name="defaultMin">OpenSim's <c>default_min</c>.</param>
    /// <param name="defaultMax">OpenSim's <c>default_max</c>.</param>
    public ConstantControl(string name, double value, bool isModelControl = true, double defaultMin = 0.02, double defaultMax = 1.0)
        : base(name, isModelControl, extrapolate: true, defaultMin, defaultMax, filterOn: false)
    {
        Value = value;
    }

    /// <summary>The value at every time.</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override double Evaluate(double time)
    {
        if (double.IsNaN(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), $"Control '{Name}' cannot be evaluated at a NaN time.");
        }

        return Value;
    }
}
