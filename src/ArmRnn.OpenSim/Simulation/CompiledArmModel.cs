using ArmRnn.Layouts;
using ArmRnn.OpenSim.Engine.Multibody;
using ArmRnn.OpenSim.Engine.Muscles;
using ArmRnn.OpenSim.Engine.PathTables;
using ArmRnn.OpenSim.Engine.Paths;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Simulation;

/// <summary>
/// A model description turned into the immutable, thread-safe pieces the engine evaluates: the multibody chain,
/// each muscle's path and Thelen model, the markers reported, and the state layout.
/// </summary>
internal sealed class CompiledArmModel
{
    public CompiledArmModel(ModelDescription model, IReadOnlyList<string>? outputMarkers, OpenSimPlantOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        Description = model;
        Chain = new MultibodyChain(model);
        CoordinateCount = Chain.CoordinateCount;
        var jointOfCoordinate = model.Joints
            .Where(j => j.Coordinate is not null)
            .ToDictionary(j => j.Coordinate!.Name, j => j.Name, StringComparer.Ordinal);
        Coordinates = [.. Chain.Coordinates.Select(c => new CoordinateName(jointOfCoordinate[c.Name], c.Name))];
        CoordinateIndex = Chain.Coordinates
            .Select((c, i) => (c.Name, i))
            .ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        MuscleNames = [.. model.Muscles.Select(m => m.Name)];
        Muscles = [.. model.Muscles.Select(m => new ThelenMuscle(m.Parameters))];
        Paths = [.. model.Muscles.Select(m => GeometryPath.FromMuscle(model, m))];
        Tables = [.. Paths.Select((p, k) => options.PathEvaluation == PathEvaluation.Tabulated ? CreateTable(model, model.Muscles[k], p, options.PathTableSpacing, options.PathTableTolerance) : null)];
        var markers = outputMarkers is null
            ? model.Markers
            : outputMarkers.Select(name => model.Markers.FirstOrDefault(m => m.Name == name)
                ?? throw new ArgumentException($"Model '{model.Name}' has no marker '{name}' (markers: {string.Join(", ", model.Markers.Select(m => m.Name))}).", nameof(outputMarkers))).ToList();
        Markers = [.. markers.Select(m => (Chain.BodyIndex(m.Body), m.Location))];
        var markerNames = markers.Select(m => m.Name).ToArray();
        var channelCount = (2 * CoordinateCount) + (3 * markerNames.Length) + (7 * MuscleNames.Length);
        Layout = MusculoskeletalLayouts.Full($"{model.Name}-{channelCount}", Coordinates, markerNames, MuscleNames);
        StatesLayout = MusculoskeletalLayouts.OpenSimStates($"{model.Name}-opensim-states-{(2 * CoordinateCount) + (2 * MuscleNames.Length)}", Coordinates, MuscleNames);
    }

    public ModelDescription Description { get; }

    public MultibodyChain Chain { get; }

    public int CoordinateCount { get; }

    public IReadOnlyList<CoordinateName> Coordinates { get; }

    public IReadOnlyDictionary<string, int> CoordinateIndex { get; }

    public string[] MuscleNames { get; }

    public ThelenMuscle[] Muscles { get; }

    public GeometryPath[] Paths { get; }

    /// <summary>Per muscle, its path table, or null when it is evaluated exactly.</summary>
    public PathTable?[] Tables { get; }

    public (int Body, ArmRnn.Geometry.Point3 Location)[] Markers { get; }

    /// <summary>The full output layout (coordinates, speeds, markers, seven channels per muscle).</summary>
    public StateLayout Layout { get; }

    /// <summary>OpenSim's own state variables.</summary>
    public StateLayout StatesLayout { get; }

    /// <summary>Length of the integrated state: q, u, activations, fiber lengths.</summary>
    public int StateLength => (2 * CoordinateCount) + (2 * MuscleNames.Length);

    /// <summary>Index of the first marker channel in <see cref="Layout"/>.</summary>
    public int MarkerChannelStart => 2 * CoordinateCount;

    private PathTable? CreateTable(ModelDescription model, MuscleDescription muscle, GeometryPath path, double spacing, double tolerance)
    {
        // The bodies the path touches: its points' and its wrap objects'.
        var bodies = muscle.Path.Points.Select(p => p.Body)
            .Concat(muscle.Path.Wraps.Select(w => model.WrapObjects.First(o => o.Name == w.WrapObject).Body))
            .Distinct(StringComparer.Ordinal);
        var coordinates = Chain.CoordinatesBetween(bodies)
            .Union(path.Coordinates.Select(c => CoordinateIndex[c]))
            .Order()
            .ToArray();
        if (coordinates.Length is < 1 or > 2)
        {
            return null;
        }

        var axes = coordinates.Select(j =>
        {
            // The coordinate's range widened by its own width (at least 90°) on each side: arms driven hard leave
            // their nominal ranges (OpenSim does not clamp them). Tiles are built only where states go, so a wide
            // domain costs nothing; beyond it paths are evaluated exactly.
            var c = Chain.Coordinates[j];
            var margin = Math.Max(c.RangeMax - c.RangeMin, Math.PI / 2);
            var start = c.RangeMin - margin;
            // One-coordinate tables are cheap, so they use a four times finer grid (their error at a wrap's onset,
            // where the path's curvature jumps, falls with the square of the spacing).
            var step = coordinates.Length == 1 ? spacing / 4 : spacing;
            var cells = (int)Math.Ceiling((c.RangeMax + margin - start) / step);
            return new TableAxis(j, start, step, cells);
        }).ToArray();
        return new PathTable(axes, () => new ExactPathSampler(Chain, path, coordinates), tolerance);
    }

    /// <summary>Index of the first muscle channel in <see cref="Layout"/>.</summary>
    public int MuscleChannelStart => (2 * CoordinateCount) + (3 * Markers.Length);
}
