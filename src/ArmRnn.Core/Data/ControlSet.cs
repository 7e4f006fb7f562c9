using System.Collections.ObjectModel;

namespace ArmRnn.Data;

/// <summary>
/// An OpenSim <c>ControlSet</c>: named control curves (usually one muscle excitation each), as read by
/// <see cref="ControlSetFile"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ControlSet
{
    private readonly OpenSimControl[] _controls;
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a set from controls with unique names.</summary>
    /// <param name="name">The set's name (OpenSim's <c>ControlSet name</c> attribute).</param>
    /// <param name="controls">The controls, in order.</param>
    /// <param name="sourcePath">The file the set was read from, if any.</param>
    /// <exception cref="ArgumentException">Two controls share a name, or one is null.</exception>
    public ControlSet(string name, IEnumerable<OpenSimControl> controls, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(controls);
        Name = name;
        SourcePath = sourcePath;
        _controls = [.. controls];
        _indexByName = new Dictionary<string, int>(_controls.Length, StringComparer.Ordinal);
        for (var i = 0; i < _controls.Length; i++)
        {
            var control = _controls[i] ?? throw new ArgumentException($"Control {i} is null.", nameof(controls));
            if (!_indexByName.TryAdd(control.Name, i))
            {
                throw new ArgumentException($"Two controls are named '{control.Name}'.", nameof(controls));
            }
        }

        Controls = new ReadOnlyCollection<OpenSimControl>(_controls);
        Names = new ReadOnlyCollection<string>([.. _controls.Select(c => c.Name)]);
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <summary>The file the set was read from, or <see langword="null"/>.</summary>
    public string? SourcePath { get; }

    /// <summary>The controls, in file order.</summary>
    public IReadOnlyList<OpenSimControl> Controls { get; }

    /// <summary>The control names, in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of controls.</summary>
    public int Count => _controls.Length;

    /// <summary>The control called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No control has that name; the message lists the names there are.</exception>
    public OpenSimControl this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            if (_indexByName.TryGetValue(name, out var index))
            {
                return _controls[index];
            }

            var where = SourcePath is null ? $"Control set '{Name}'" : $"Control set file '{SourcePath}'";
            throw new KeyNotFoundException($"{where} has no control '{name}'. Its controls: {string.Join(", ", Names.Select(n => $"'{n}'"))}.");
        }
    }

    /// <summary>Looks up a control without throwing.</summary>
    /// <returns><see langword="true"/> when a control is called <paramref name="name"/>.</returns>
    public bool TryGetControl(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out OpenSimControl control)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_indexByName.TryGetValue(name, out var index))
        {
            control = _controls[index];
            return true;
        }

        control = null;
        return false;
    }

    /// <summary>Whether a control is called <paramref name="name"/>.</summary>
    public bool Contains(string name) => name is not null && _indexByName.ContainsKey(name);

    /// <summary>Every control's value at <paramref name="time"/>, in <see cref="Controls"/> order.</summary>
    /// <param name="time">The time (s).</param>
    public double[] Evaluate(double time)
    {
        var values = new double[_controls.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _controls[i].Evaluate(time);
        }

        return values;
    }

    /// <summary>The named controls' values at <paramref name="time"/>, in the order given (e.g. a plant's muscle order).</summary>
    /// <param name="names">The controls to evaluate.</param>
    /// <param name="time">The time (s).</param>
    /// <exception cref="KeyNotFoundException">A name is not in the set.</exception>
    public double[] Evaluate(IReadOnlyList<string> names, double time)
    {
        ArgumentNullException.ThrowIfNull(names);
        var values = new double[names.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = this[names[i]].Evaluate(time);
        }

        return values;
    }
}
