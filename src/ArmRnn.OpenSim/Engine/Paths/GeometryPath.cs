using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>
/// A muscle's path through its points and over its wrap objects, evaluated as OpenSim 4.3's <c>GeometryPath</c> does
/// (see <see cref="GeometryPathEvaluator"/> for the algorithm).
/// </summary>
/// <remarks>Immutable and thread-safe. Evaluation needs scratch space: create one <see cref="GeometryPathEvaluator"/>
/// per thread with <see cref="CreateEvaluator"/>.</remarks>
public sealed class GeometryPath
{
    private readonly PathPointDescription[] _points;
    private readonly PathWrapDescription[] _wraps;
    private readonly WrapObject[] _wrapObjects;
    private readonly string[] _bodies;
    private readonly string[] _coordinates;

    /// <summary>Builds a path from its description and the model's wrap objects.</summary>
    /// <param name="description">Points and wraps.</param>
    /// <param name="wrapObjects">The model's wrap objects (at least those the path's wraps name; names unique).</param>
    /// <param name="name">A name for messages (e.g. the muscle's).</param>
    /// <exception cref="ArgumentException">The path has fewer than two points, a wrap names an unknown wrap object, a
    /// wrap's point range is outside the path, a conditional point has an empty range coordinate, or two wrap objects
    /// share a name.</exception>
    public GeometryPath(GeometryPathDescription description, IEnumerable<WrapObject> wrapObjects, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(wrapObjects);
        Name = name ?? "path";
        _points = [.. description.Points];
        _wraps = [.. description.Wraps];
        if (_points.Length < 2)
        {
            throw new ArgumentException($"Path '{Name}' has {_points.Length} point(s); a path needs at least two.", nameof(description));
        }

        var byName = new Dictionary<string, WrapObject>(StringComparer.Ordinal);
        foreach (var wrapObject in wrapObjects)
        {
            ArgumentNullException.ThrowIfNull(wrapObject, nameof(wrapObjects));
            if (!byName.TryAdd(wrapObject.Name, wrapObject))
            {
                throw new ArgumentException($"Two wrap objects are named '{wrapObject.Name}'.", nameof(wrapObjects));
            }
        }

        _wrapObjects = new WrapObject[_wraps.Length];
        for (var w = 0; w < _wraps.Length; w++)
        {
            var wrap = _wraps[w];
            if (!byName.TryGetValue(wrap.WrapObject, out var wrapObject))
            {
                throw new ArgumentException($"Path '{Name}': wrap '{wrap.Name}' names wrap object '{wrap.WrapObject}', which the model does not have.", nameof(wrapObjects));
            }

            if (wrap.RangeStart > _points.Length || wrap.RangeEnd > _points.Length)
            {
                throw new ArgumentException($"Path '{Name}': wrap '{wrap.Name}' has range {wrap.RangeStart} {wrap.RangeEnd} beyond the path's {_points.Length} points.", nameof(description));
            }

            _wrapObjects[w] = wrapObject;
        }

        var bodies = new List<string>();
        var coordinates = new List<string>();
        PointBodyIndex = new int[_points.Length];
        PointCoordinateIndex = new int[_points.Length];
        for (var i = 0; i < _points.Length; i++)
        {
            var point = _points[i];
            PointBodyIndex[i] = IndexOf(bodies, point.Body);
            PointCoordinateIndex[i] = -1;
            if (point.IsConditional)
            {
                if (string.IsNullOrEmpty(point.ConditionCoordinate))
                {
                    throw new ArgumentException($"Path '{Name}': conditional point '{point.Name}' names no coordinate.", nameof(description));
                }

                PointCoordinateIndex[i] = IndexOf(coordinates, point.ConditionCoordinate);
            }
        }

        WrapBodyIndex = new int[_wraps.Length];
        for (var w = 0; w < _wraps.Length; w++)
        {
            WrapBodyIndex[w] = IndexOf(bodies, _wrapObjects[w].Body);
        }

        _bodies = [.. bodies];
        _coordinates = [.. coordinates];
        BodyIsGround = [.. _bodies.Select(b => b == ModelDescription.Ground)];
    }

    /// <summary>A name for messages.</summary>
    public string Name { get; }

    /// <summary>The path points, in order (conditional ones included).</summary>
    public IReadOnlyList<PathPointDescription> Points => _points;

    /// <summary>The path wraps, in the order OpenSim first applies them.</summary>
    public IReadOnlyList<PathWrapDescription> Wraps => _wraps;

    /// <summary>The wrap object of each path wrap (same order as <see cref="Wraps"/>).</summary>
    public IReadOnlyList<WrapObject> WrapObjects => _wrapObjects;

    /// <summary>The bodies whose poses the path reads (points' and wrap objects' bodies), possibly including
    /// <c>ground</c>.</summary>
    public IReadOnlyList<string> Bodies => _bodies;

    /// <summary>The coordinates that switch conditional points (empty when there are none).</summary>
    public IReadOnlyList<string> Coordinates => _coordinates;

    /// <summary>Index into <see cref="Bodies"/> of each point's body.</summary>
    internal int[] PointBodyIndex { get; }

    /// <summary>Index into <see cref="Coordinates"/> of each point's condition coordinate, or -1.</summary>
    internal int[] PointCoordinateIndex { get; }

    /// <summary>Index into <see cref="Bodies"/> of each wrap's wrap-object body.</summary>
    internal int[] WrapBodyIndex { get; }

    /// <summary>Whether each body of <see cref="Bodies"/> is ground.</summary>
    internal bool[] BodyIsGround { get; }

    /// <summary>Builds a path whose wrap objects are created from their descriptions.</summary>
    /// <param name="description">Points and wraps.</param>
    /// <param name="wrapObjects">The model's wrap object descriptions.</param>
    /// <param name="name">A name for messages.</param>
    /// <returns>The path.</returns>
    public static GeometryPath FromDescriptions(GeometryPathDescription description, IEnumerable<WrapObjectDescription> wrapObjects, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(wrapObjects);
        return new GeometryPath(description, wrapObjects.Select(WrapObject.Create).ToList(), name);
    }

    /// <summary>Builds the path of a muscle of a model.</summary>
    /// <param name="model">The model (its wrap objects).</param>
    /// <param name="muscle">One of its muscles.</param>
    /// <returns>The muscle's path, named after it.</returns>
    public static GeometryPath FromMuscle(ModelDescription model, MuscleDescription muscle)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(muscle);
        return FromDescriptions(muscle.Path, model.WrapObjects, muscle.Name);
    }

    /// <summary>New scratch space for evaluating this path on one thread.</summary>
    /// <returns>An evaluator (not thread-safe; reuse it).</returns>
    public GeometryPathEvaluator CreateEvaluator() => new(this);

    private static int IndexOf(List<string> list, string value)
    {
        var index = list.IndexOf(value);
        if (index >= 0)
        {
            return index;
        }

        list.Add(value);
        return list.Count - 1;
    }
}
