using System.Collections.ObjectModel;
using System.Globalization;

namespace ArmRnn.Data;

/// <summary>
/// An OpenSim <c>ControlLinear</c>: a control curve given by nodes (time, value), evaluated as OpenSim 4 evaluates
/// it (<c>ControlLinear::getControlValue</c>).
/// </summary>
/// <remarks>
/// <para>With <see cref="UseSteps"/> false (the usual case) the curve is piecewise linear: between two nodes the
/// value is interpolated linearly; at a node's time it is the node's value exactly. Before the first node and after
/// the last, it continues the straight line through the first two (last two) nodes when
/// <see cref="OpenSimControl.Extrapolate"/> is true, and holds the first (last) node's value otherwise.</para>
/// <para>With <see cref="UseSteps"/> true the curve is piecewise constant: on <c>(t[i], t[i+1]]</c> it takes the value of
/// node <c>i+1</c>, at exactly <c>t[i]</c> the value of node <c>i</c>; before the first node and after the last it
/// holds the end values (OpenSim never extrapolates steps).</para>
/// <para>A curve without nodes evaluates to NaN, as OpenSim's does. A curve with one node is constant.</para>
/// </remarks>
public sealed class LinearControl : OpenSimControl
{
    private readonly ControlNode[] _nodes;

    /// <summary>Creates a linear control.</summary>
    /// <param name="name">The control's name (for a muscle excitation, the muscle's name).</param>
    /// <param name="nodes">The nodes, in non-decreasing time order.</param>
    /// <param name="useSteps">OpenSim's <c>use_steps</c>: a step function instead of linear interpolation.</param>
    /// <param name="extrapolate">OpenSim's <c>extrapolate</c>.</param>
    /// <param name="defaultMin">OpenSim's <c>default_min</c>.</param>
    /// <param name="defaultMax">OpenSim's <c>default_max</c>.</param>
    /// <param name="isModelControl">OpenSim's <c>is_model_control</c>.</param>
    /// <param name="filterOn">OpenSim's <c>filter_on</c> (reported, not applied).</param>
    /// <exception cref="ArgumentException">A node time is not finite, or times decrease.</exception>
    public LinearControl(
        string name,
        IEnumerable<ControlNode> nodes,
        bool useSteps = false,
        bool extrapolate = true,
        double defaultMin = 0.02,
        double defaultMax = 1.0,
        bool isModelControl = true,
        bool filterOn = false)
        : base(name, isModelControl, extrapolate, defaultMin, defaultMax, filterOn)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = [.. nodes];
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (!double.IsFinite(_nodes[i].Time))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Control '{name}': node {i} has time {_nodes[i].Time}; node times must be finite."),
                    nameof(nodes));
            }

            if (i > 0 && _nodes[i].Time < _nodes[i - 1].Time)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Control '{name}': node {i} (t = {_nodes[i].Time}) comes before node {i - 1} (t = {_nodes[i - 1].Time}); node times must not decrease."),
                    nameof(nodes));
            }
        }

        UseSteps = useSteps;
        Nodes = new ReadOnlyCollection<ControlNode>(_nodes);
    }

    /// <summary>The nodes, in time order.</summary>
    public IReadOnlyList<ControlNode> Nodes { get; }

    /// <summary>OpenSim's <c>use_steps</c>: whether the curve is a step function (true) or piecewise linear (false).</summary>
    public bool UseSteps { get; }

    /// <inheritdoc />
    /// <remarks>See the class remarks for the rules inside, before and after the nodes.</remarks>
    public override double Evaluate(double time)
    {
        if (double.IsNaN(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), $"Control '{Name}' cannot be evaluated at a NaN time.");
        }

        var count = _nodes.Length;
        if (count == 0)
        {
            return double.NaN;
        }

        var last = count - 1;
        var extendLinearly = Extrapolate && !UseSteps && count >= 2;
        if (time < _nodes[0].Time)
        {
            return extendLinearly ? Line(_nodes[0], _nodes[1], time) : _nodes[0].Value;
        }

        if (time >= _nodes[last].Time)
        {
            return extendLinearly && time > _nodes[last].Time ? Line(_nodes[last - 1], _nodes[last], time) : _nodes[last].Value;
        }

        // Largest node index i with t[i] <= time; here 0 <= i < last.
        int lo = 0, hi = last;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (_nodes[mid].Time <= time)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        if (UseSteps)
        {
            return time == _nodes[lo].Time ? _nodes[lo].Value : _nodes[lo + 1].Value;
        }

        return Line(_nodes[lo], _nodes[lo + 1], time);
    }

    /// <summary>The straight line through <paramref name="a"/> and <paramref name="b"/> at <paramref name="time"/>,
    /// written as OpenSim writes it (value of <paramref name="a"/> plus slope times distance), so that it returns
    /// <paramref name="a"/>'s value exactly at its time; <paramref name="a"/>'s value when both nodes share a time.</summary>
    private static double Line(ControlNode a, ControlNode b, double time)
    {
        var span = b.Time - a.Time;
        if (span == 0)
        {
            return a.Value;
        }

        var slope = (b.Value - a.Value) / span;
        return a.Value + (slope * (time - a.Time));
    }
}
