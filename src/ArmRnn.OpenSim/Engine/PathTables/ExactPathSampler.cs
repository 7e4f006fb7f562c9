using ArmRnn.OpenSim.Engine.Multibody;
using ArmRnn.OpenSim.Engine.Paths;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Engine.PathTables;

/// <summary>Exact evaluation of one muscle path at coordinates that only the table's axes set (the others stay 0,
/// which the path does not depend on).</summary>
internal sealed class ExactPathSampler : IPathSampler, IBodyPoses, IBodyVelocities, ICoordinateValues
{
    private readonly MultibodyChain _chain;
    private readonly MultibodyState _state;
    private readonly GeometryPathEvaluator _path;
    private readonly int[] _axes;
    private readonly double[] _q;
    private readonly double[] _unit;
    private readonly Dictionary<string, int> _coordinateIndex;

    public ExactPathSampler(MultibodyChain chain, GeometryPath path, IReadOnlyList<int> axes)
    {
        _chain = chain;
        _state = chain.CreateState();
        _path = path.CreateEvaluator();
        _axes = [.. axes];
        _q = new double[chain.CoordinateCount];
        _unit = new double[chain.CoordinateCount];
        _coordinateIndex = chain.Coordinates.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    public double Sample(ReadOnlySpan<double> coordinates, Span<double> gradient)
    {
        Array.Clear(_q);
        for (var a = 0; a < _axes.Length; a++)
        {
            _q[_axes[a]] = coordinates[a];
        }

        _chain.UpdatePositions(_q, _state);
        var length = _path.ComputeLength(this, this);
        for (var a = 0; a < _axes.Length; a++)
        {
            Array.Clear(_unit);
            _unit[_axes[a]] = 1;
            _chain.UpdateVelocities(_unit, _state);
            gradient[a] = _path.ComputeLengtheningSpeed(this);
        }

        return length;
    }

    Pose IBodyPoses.GetPose(string body) => MultibodyChain.BodyPose(_state, body == ModelDescription.Ground ? -1 : _chain.BodyIndex(body));

    BodyVelocity IBodyVelocities.GetVelocity(string body)
    {
        var (angular, linear) = MultibodyChain.BodyVelocity(_state, body == ModelDescription.Ground ? -1 : _chain.BodyIndex(body));
        return new BodyVelocity(angular, linear);
    }

    double ICoordinateValues.GetValue(string coordinate) => _q[_coordinateIndex[coordinate]];
}
