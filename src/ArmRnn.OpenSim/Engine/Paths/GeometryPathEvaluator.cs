using ArmRnn.Geometry;

namespace ArmRnn.OpenSim.Engine.Paths;

/// <summary>
/// Evaluates a <see cref="GeometryPath"/> for given body poses: its length, its points and its lengthening speed,
/// exactly as OpenSim 4.3's <c>GeometryPath::computePath</c>, <c>applyWrapObjects</c>,
/// <c>calcLengthAfterPathComputation</c> and <c>computeLengtheningSpeed</c> do.
/// </summary>
/// <remarks>
/// <para><b>Algorithm.</b> The path starts as its active points (a conditional point is active while its coordinate is
/// within its range ± 1e-5). Each path wrap in turn removes its own tangent points, then tries every segment of the
/// current path between the first and last active points of its range (segments may end at other wraps' tangent
/// points; the surface segment between two tangent points of one wrap object is skipped). A segment that must wrap
/// (<see cref="WrapStatus.MandatoryWrap"/>) is taken at once; among segments that merely can
/// (<see cref="WrapStatus.Wrapped"/>) the one whose length grows least is taken. The winner's two tangent points
/// are inserted into the path. With two or more wraps this pass repeats, up to 8 times, until the path length changes
/// by less than 0.5 mm; after the first pass, if the first wrap did not wrap and the second had an end inside its
/// object, the two swap order. The length is the sum of the straight segments plus each wrap's surface length.</para>
/// <para><b>Memory between calls.</b> OpenSim keeps each wrap's previous result and copies it into the next wrap
/// computation; in 4.3 every value copied is overwritten before use, except the ellipsoid's surface point
/// <c>c1</c>, used only if the ellipsoid closest-point iteration fails to converge. This evaluator keeps that one value
/// per wrap, so its results, like OpenSim's, are otherwise a function of the poses alone.</para>
/// <para><b>Cost and threading.</b> After the first evaluations (which size the buffers) evaluation allocates nothing,
/// so it can run inside an integrator; the price is that an evaluator is not thread-safe. Use one per thread (or per
/// plant instance). Costs measured for Arm26 (Release build, one core of this machine): a straight path or a missed wrap
/// about 1 µs, a cylinder wrap 5-20 µs (its tangency iteration), the hybrid ellipsoid about 50 µs (it samples 298
/// closest points per wrap attempt), and TRIlong up to a few hundred µs where its three wraps engage and the passes
/// repeat.</para>
/// </remarks>
public sealed class GeometryPathEvaluator
{
    private const double LengthTolerance = 0.0005;
    private const double ConditionalRangeMargin = 1e-5;

    private readonly GeometryPath _path;
    private readonly Pose[] _bodyPoses;
    private readonly BodyVelocity[] _bodyVelocities;
    private readonly Point3[] _pointGround;
    private readonly int[] _entries;
    private readonly WrapResult[] _stored;
    private readonly bool[] _wrapping;
    private readonly Point3[] _tangent1Body;
    private readonly Point3[] _tangent2Body;
    private readonly Point3[] _tangent1Ground;
    private readonly Point3[] _tangent2Ground;
    private readonly Point3[] _previousC1;
    private readonly WrapStatus[] _results;
    private readonly int[] _order;
    private WrapResult _trial = new();
    private WrapResult _best = new();
    private int _count;
    private bool _evaluated;

    /// <summary>Creates scratch space for <paramref name="path"/>.</summary>
    /// <param name="path">The path to evaluate.</param>
    public GeometryPathEvaluator(GeometryPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = path;
        var wraps = path.Wraps.Count;
        _bodyPoses = new Pose[path.Bodies.Count];
        _bodyVelocities = new BodyVelocity[path.Bodies.Count];
        _pointGround = new Point3[path.Points.Count];
        _entries = new int[path.Points.Count + (2 * wraps)];
        _stored = new WrapResult[wraps];
        _wrapping = new bool[wraps];
        _tangent1Body = new Point3[wraps];
        _tangent2Body = new Point3[wraps];
        _tangent1Ground = new Point3[wraps];
        _tangent2Ground = new Point3[wraps];
        _previousC1 = new Point3[wraps];
        _results = new WrapStatus[wraps];
        _order = new int[wraps];
        for (var w = 0; w < wraps; w++)
        {
            _stored[w] = new WrapResult();
            _previousC1[w] = WrapMath.NaNVector;
        }
    }

    /// <summary>The path this evaluator evaluates.</summary>
    public GeometryPath Path => _path;

    /// <summary>The length computed by the last <see cref="ComputeLength"/> (m).</summary>
    public double Length { get; private set; }

    /// <summary>Number of points of the evaluated path (active path points plus two tangent points per wrapping
    /// wrap).</summary>
    public int PointCount => _count;

    /// <summary>
    /// Computes the path for the given poses (and coordinate values, needed only when the path has conditional points)
    /// and returns its length — OpenSim's <c>GeometryPath::getLength</c>. The evaluated path then stays available
    /// through <see cref="GetPoint"/>, <see cref="AppendPolyline"/> and <see cref="ComputeLengtheningSpeed"/>.
    /// </summary>
    /// <param name="poses">Each body's pose in ground (not asked for <c>ground</c>).</param>
    /// <param name="coordinates">Coordinate values for conditional points; may be null when there are none.</param>
    /// <returns>The muscle-tendon path length (m).</returns>
    /// <exception cref="InvalidOperationException">The path has conditional points and <paramref name="coordinates"/>
    /// is null.</exception>
    public double ComputeLength(IBodyPoses poses, ICoordinateValues? coordinates = null)
    {
        ArgumentNullException.ThrowIfNull(poses);
        var path = _path;
        for (var b = 0; b < _bodyPoses.Length; b++)
        {
            _bodyPoses[b] = path.BodyIsGround[b] ? Pose.Identity : poses.GetPose(path.Bodies[b]);
        }

        _count = 0;
        var points = path.Points;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            _pointGround[i] = _bodyPoses[path.PointBodyIndex[i]].ToOuter(point.Location);
            if (point.IsConditional)
            {
                if (coordinates is null)
                {
                    throw new InvalidOperationException($"Path '{path.Name}' has conditional points; pass the coordinate values.");
                }

                var value = coordinates.GetValue(point.ConditionCoordinate!);
                if (!(value >= point.RangeMin - ConditionalRangeMargin && value <= point.RangeMax + ConditionalRangeMargin))
                {
                    continue;
                }
            }

            _entries[_count++] = i;
        }

        Array.Clear(_wrapping);
        ApplyWrapObjects();
        Length = CalcLength();
        _evaluated = true;
        return Length;
    }

    /// <summary>
    /// The lengthening speed of the path last evaluated by <see cref="ComputeLength"/> (m/s), as OpenSim 4.3 computes
    /// it (<c>computeLengtheningSpeed</c>): the sum over consecutive points of the rate of change of their distance,
    /// with every point — tangent points included — moving rigidly with its body. (For an exact geodesic this equals
    /// dl/dt; for OpenSim's approximate wraps it differs slightly from the derivative of <see cref="Length"/>.)
    /// </summary>
    /// <param name="velocities">Each body's spatial velocity in ground, for the same state as the poses.</param>
    /// <returns>The lengthening speed (m/s; positive when lengthening).</returns>
    /// <exception cref="InvalidOperationException"><see cref="ComputeLength"/> has not been called.</exception>
    public double ComputeLengtheningSpeed(IBodyVelocities velocities)
    {
        ArgumentNullException.ThrowIfNull(velocities);
        if (!_evaluated)
        {
            throw new InvalidOperationException("Compute the path (ComputeLength) before its lengthening speed.");
        }

        var path = _path;
        for (var b = 0; b < _bodyVelocities.Length; b++)
        {
            _bodyVelocities[b] = path.BodyIsGround[b] ? BodyVelocity.Zero : velocities.GetVelocity(path.Bodies[b]);
        }

        var speed = 0.0;
        for (var i = 0; i < _count - 1; i++)
        {
            var r = EntryGround(_entries[i]) - EntryGround(_entries[i + 1]);
            var d = r.Length;
            var v = EntryVelocity(_entries[i]) - EntryVelocity(_entries[i + 1]);
            speed += d < WrapMath.MachineEpsilon ? v.Length : v.Dot(r / d);
        }

        return speed;
    }

    /// <summary>Point <paramref name="index"/> (0 to <see cref="PointCount"/> − 1) of the evaluated path.</summary>
    /// <param name="index">Position along the path.</param>
    /// <returns>What and where the point is.</returns>
    public PathPointInfo GetPoint(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        var entry = _entries[index];
        if (entry >= 0)
        {
            var point = _path.Points[entry];
            return new PathPointInfo(PathPointKind.PathPoint, entry, point.Body, point.Location, _pointGround[entry]);
        }

        var (wrap, second) = DecodeWrapEntry(entry);
        var body = _path.WrapObjects[wrap].Body;
        return second
            ? new PathPointInfo(PathPointKind.WrapTangent2, wrap, body, _tangent2Body[wrap], _tangent2Ground[wrap])
            : new PathPointInfo(PathPointKind.WrapTangent1, wrap, body, _tangent1Body[wrap], _tangent1Ground[wrap]);
    }

    /// <summary>Whether path wrap <paramref name="wrapIndex"/> wraps the evaluated path.</summary>
    /// <param name="wrapIndex">Index into <see cref="GeometryPath.Wraps"/>.</param>
    /// <returns>True when its tangent points are in the path.</returns>
    public bool IsWrapping(int wrapIndex) => _wrapping[wrapIndex];

    /// <summary>The result of path wrap <paramref name="wrapIndex"/> in the evaluated path (tangent and surface points in
    /// the wrap object's frame), or null when it does not wrap. Valid until the next evaluation.</summary>
    /// <param name="wrapIndex">Index into <see cref="GeometryPath.Wraps"/>.</param>
    /// <returns>The wrap result or null.</returns>
    public WrapResult? GetWrapResult(int wrapIndex) => _wrapping[wrapIndex] ? _stored[wrapIndex] : null;

    /// <summary>
    /// Appends the evaluated path as a polyline in ground (m), for plotting: the path points and tangent points in
    /// order, with each wrap's surface points between its tangent points.
    /// </summary>
    /// <param name="destination">Receives the points.</param>
    public void AppendPolyline(ICollection<Point3> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            destination.Add(EntryGround(entry));
            if (entry < 0)
            {
                var (wrap, second) = DecodeWrapEntry(entry);
                if (!second)
                {
                    var wrapObject = _path.WrapObjects[wrap];
                    var bodyPose = _bodyPoses[_path.WrapBodyIndex[wrap]];
                    var surface = _stored[wrap].SurfacePoints;
                    for (var k = 1; k < surface.Length - 1; k++)
                    {
                        destination.Add(bodyPose.ToOuter(wrapObject.Placement.ToOuter(surface[k])));
                    }
                }
            }
        }
    }

    private static int WrapEntry(int wrap, bool second) => -1 - ((2 * wrap) + (second ? 1 : 0));

    private static (int Wrap, bool Second) DecodeWrapEntry(int entry)
    {
        var code = -1 - entry;
        return (code >> 1, (code & 1) == 1);
    }

    /// <summary>OpenSim's <c>applyWrapObjects</c>.</summary>
    private void ApplyWrapObjects()
    {
        var path = _path;
        var wrapCount = path.Wraps.Count;
        if (wrapCount < 1)
        {
            return;
        }

        for (var i = 0; i < wrapCount; i++)
        {
            _order[i] = i;
        }

        var pointCount = path.Points.Count;
        var maxIterations = wrapCount < 2 ? 1 : 8;
        var lastLength = double.PositiveInfinity;
        for (var kk = 0; kk < maxIterations; kk++)
        {
            for (var i = 0; i < wrapCount; i++)
            {
                _results[i] = WrapStatus.NoWrap;
                var w = _order[i];
                var wrap = path.Wraps[w];
                var wrapObject = path.WrapObjects[w];
                var haveBest = false;
                var minLengthChange = double.PositiveInfinity;
                RemoveWrapPoints(w);
                if (!wrapObject.Active)
                {
                    continue;
                }

                // The range's first and last active points (1-based range; below 1 means the path's ends).
                var wrapStart = wrap.RangeStart < 1 ? 0 : wrap.RangeStart - 1;
                var wrapEnd = wrap.RangeEnd < 1 ? pointCount - 1 : wrap.RangeEnd - 1;
                var jfwd = wrapStart;
                for (; jfwd <= wrapEnd; jfwd++)
                {
                    if (IsActive(jfwd))
                    {
                        break;
                    }
                }

                if (jfwd > wrapEnd)
                {
                    return;
                }

                var jrev = wrapEnd;
                for (; jrev >= wrapStart; jrev--)
                {
                    if (IsActive(jrev))
                    {
                        break;
                    }
                }

                if (jrev < wrapStart)
                {
                    return;
                }

                int start = -1, end = -1;
                for (var j = 0; j < _count; j++)
                {
                    if (_entries[j] == jfwd)
                    {
                        start = j;
                    }

                    if (_entries[j] == jrev)
                    {
                        end = j;
                    }
                }

                if (start == -1 || end == -1)
                {
                    return;
                }

                var bestEnd = -1;
                for (var pt1 = start; pt1 < end; pt1++)
                {
                    var pt2 = pt1 + 1;
                    var object1 = EntryWrapObject(_entries[pt1]);
                    var object2 = EntryWrapObject(_entries[pt2]);
                    if (object1 is not null && object2 is not null && ReferenceEquals(object1, object2))
                    {
                        // The surface segment of a wrap.
                        continue;
                    }

                    _trial.C1 = _previousC1[w];
                    var status = WrapSegment(w, _entries[pt1], _entries[pt2], _trial);
                    _results[i] = status;
                    if (status == WrapStatus.MandatoryWrap)
                    {
                        (_best, _trial) = (_trial, _best);
                        haveBest = true;
                        bestEnd = pt2;
                        _previousC1[w] = _best.C1;
                        break;
                    }

                    if (status == WrapStatus.Wrapped)
                    {
                        var change = PathLengthChange(w, _entries[pt1], _entries[pt2], _trial);
                        if (change < minLengthChange)
                        {
                            (_best, _trial) = (_trial, _best);
                            haveBest = true;
                            bestEnd = pt2;
                            _previousC1[w] = _best.C1;
                            minLengthChange = change;
                        }
                    }
                }

                if (haveBest)
                {
                    (_stored[w], _best) = (_best, _stored[w]);
                    var stored = _stored[w];
                    var placement = wrapObject.Placement;
                    var bodyPose = _bodyPoses[path.WrapBodyIndex[w]];
                    _tangent1Body[w] = placement.ToOuter(stored.Tangent1);
                    _tangent2Body[w] = placement.ToOuter(stored.Tangent2);
                    _tangent1Ground[w] = bodyPose.ToOuter(_tangent1Body[w]);
                    _tangent2Ground[w] = bodyPose.ToOuter(_tangent2Body[w]);
                    Insert(bestEnd, WrapEntry(w, second: false));
                    Insert(bestEnd + 1, WrapEntry(w, second: true));
                    _wrapping[w] = true;
                }
            }

            var length = CalcLength();
            if (Math.Abs(length - lastLength) < LengthTolerance)
            {
                break;
            }

            lastLength = length;
            if (kk == 0 && wrapCount > 1 && _results[0] == WrapStatus.NoWrap && _results[1] == WrapStatus.InsideRadius)
            {
                // The first wrap missed and the second had an end inside its object: swap them and retry.
                _order[0] = 1;
                _order[1] = 0;
                RemoveWrapPoints(0);
            }
        }
    }

    /// <summary>OpenSim's <c>WrapObject::wrapPathSegment</c>: the segment's ends in the wrap object's frame, then
    /// <see cref="WrapObject.WrapLine"/>.</summary>
    private WrapStatus WrapSegment(int wrap, int entry1, int entry2, WrapResult result)
    {
        var path = _path;
        var wrapObject = path.WrapObjects[wrap];
        var wrapBody = _bodyPoses[path.WrapBodyIndex[wrap]];
        var toWrapBody = wrapBody.Inverse();
        var point1 = wrapObject.Placement.ToInner(toWrapBody.Compose(EntryBodyPose(entry1)).ToOuter(EntryLocal(entry1)));
        var point2 = wrapObject.Placement.ToInner(toWrapBody.Compose(EntryBodyPose(entry2)).ToOuter(EntryLocal(entry2)));
        return wrapObject.WrapLine(point1, point2, path.Wraps[wrap].Method, result);
    }

    /// <summary>OpenSim's <c>calcPathLengthChange</c>: how much longer the segment gets by wrapping.</summary>
    private double PathLengthChange(int wrap, int entry1, int entry2, WrapResult result)
    {
        var path = _path;
        var wrapObject = path.WrapObjects[wrap];
        var bodyPose = _bodyPoses[path.WrapBodyIndex[wrap]];
        var ground1 = EntryGround(entry1);
        var ground2 = EntryGround(entry2);
        var straight = (ground1 - ground2).Length;
        var wrapped = (ground1 - bodyPose.ToOuter(wrapObject.Placement.ToOuter(result.Tangent1))).Length;
        wrapped += result.Length;
        wrapped += (ground2 - bodyPose.ToOuter(wrapObject.Placement.ToOuter(result.Tangent2))).Length;
        return wrapped - straight;
    }

    /// <summary>OpenSim's <c>calcLengthAfterPathComputation</c>.</summary>
    private double CalcLength()
    {
        var length = 0.0;
        for (var i = 0; i < _count - 1; i++)
        {
            var entry1 = _entries[i];
            var entry2 = _entries[i + 1];
            var object1 = EntryWrapObject(entry1);
            var object2 = EntryWrapObject(entry2);
            if (object1 is not null && object2 is not null && ReferenceEquals(object1, object2))
            {
                var (wrap, second) = DecodeWrapEntry(entry2);
                length += second ? _stored[wrap].Length : 0.0;
            }
            else
            {
                length += (EntryGround(entry1) - EntryGround(entry2)).Length;
            }
        }

        return length;
    }

    private bool IsActive(int pointIndex)
    {
        for (var j = 0; j < _count; j++)
        {
            if (_entries[j] == pointIndex)
            {
                return true;
            }
        }

        return false;
    }

    private void RemoveWrapPoints(int wrap)
    {
        var first = WrapEntry(wrap, second: false);
        for (var j = 0; j < _count; j++)
        {
            if (_entries[j] == first)
            {
                Array.Copy(_entries, j + 2, _entries, j, _count - j - 2);
                _count -= 2;
                break;
            }
        }

        _wrapping[wrap] = false;
    }

    private void Insert(int index, int entry)
    {
        Array.Copy(_entries, index, _entries, index + 1, _count - index);
        _entries[index] = entry;
        _count++;
    }

    private WrapObject? EntryWrapObject(int entry) => entry >= 0 ? null : _path.WrapObjects[DecodeWrapEntry(entry).Wrap];

    private Pose EntryBodyPose(int entry) =>
        _bodyPoses[entry >= 0 ? _path.PointBodyIndex[entry] : _path.WrapBodyIndex[DecodeWrapEntry(entry).Wrap]];

    private Point3 EntryLocal(int entry)
    {
        if (entry >= 0)
        {
            return _path.Points[entry].Location;
        }

        var (wrap, second) = DecodeWrapEntry(entry);
        return second ? _tangent2Body[wrap] : _tangent1Body[wrap];
    }

    private Point3 EntryGround(int entry)
    {
        if (entry >= 0)
        {
            return _pointGround[entry];
        }

        var (wrap, second) = DecodeWrapEntry(entry);
        return second ? _tangent2Ground[wrap] : _tangent1Ground[wrap];
    }

    private Point3 EntryVelocity(int entry)
    {
        var bodyIndex = entry >= 0 ? _path.PointBodyIndex[entry] : _path.WrapBodyIndex[DecodeWrapEntry(entry).Wrap];
        var offset = _bodyPoses[bodyIndex].Rotation * EntryLocal(entry);
        return _bodyVelocities[bodyIndex].PointVelocity(offset);
    }
}
