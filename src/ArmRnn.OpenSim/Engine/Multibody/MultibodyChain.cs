using ArmRnn.Geometry;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Engine.Multibody;

/// <summary>
/// The rigid-body dynamics of a tree of bodies joined to ground by welds and one-degree-of-freedom rotational joints
/// with arbitrary axes (OpenSim's WeldJoint, PinJoint and single-rotation CustomJoint), under gravity.
/// </summary>
/// <remarks>
/// Inverse dynamics is the recursive Newton-Euler algorithm written in ground-frame vectors (gravity enters as an
/// upward acceleration of ground). The mass matrix comes from unit accelerations and forward dynamics solves
/// <c>M(q) u̇ = τ − b(q, u)</c> by Cholesky factorisation. The chain is immutable and thread-safe; each thread
/// evaluates with its own <see cref="MultibodyState"/>.
/// </remarks>
public sealed class MultibodyChain
{
    private readonly ChainLink[] _links;
    private readonly Dictionary<string, int> _linkByBody;
    private readonly bool[] _hasFixedJointFrame;
    private readonly Pose[] _fixedJointFrames;
    private readonly Pose?[] _fixedBodyPoses;

    /// <summary>Builds the chain of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The joints do not form a tree rooted at ground (a body is attached twice,
    /// or a joint's parent is not yet attached).</exception>
    public MultibodyChain(ModelDescription model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Gravity = model.Gravity;
        var bodies = model.Bodies.ToDictionary(b => b.Name, StringComparer.Ordinal);
        _linkByBody = new Dictionary<string, int>(StringComparer.Ordinal);
        var links = new List<ChainLink>();
        var coordinates = new List<CoordinateDescription>();
        var pending = model.Joints.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(j =>
                j.Parent.Body == ModelDescription.Ground || _linkByBody.ContainsKey(j.Parent.Body));
            if (ready is null)
            {
                throw new ArgumentException(
                    $"Model '{model.Name}': joint '{pending[0].Name}' hangs from body '{pending[0].Parent.Body}', which no joint attaches to ground.");
            }

            pending.Remove(ready);
            var childName = ready.Child.Body;
            if (!bodies.TryGetValue(childName, out var body))
            {
                throw new ArgumentException($"Model '{model.Name}': joint '{ready.Name}' names unknown child body '{childName}'.");
            }

            if (_linkByBody.ContainsKey(childName))
            {
                throw new ArgumentException($"Model '{model.Name}': body '{childName}' is the child of two joints (closed loops are not supported).");
            }

            var coordinateIndex = -1;
            if (ready.Kind != JointKind.Weld)
            {
                if (ready.Coordinate is null)
                {
                    throw new ArgumentException($"Model '{model.Name}': joint '{ready.Name}' has no coordinate.");
                }

                coordinateIndex = coordinates.Count;
                coordinates.Add(ready.Coordinate);
            }

            _linkByBody[childName] = links.Count;
            links.Add(new ChainLink(
                childName,
                ready.Parent.Body == ModelDescription.Ground ? -1 : _linkByBody[ready.Parent.Body],
                Pose.FromTranslationAndXyz(ready.Parent.Translation, ready.Parent.Orientation),
                Pose.FromTranslationAndXyz(ready.Child.Translation, ready.Child.Orientation),
                ready.Kind == JointKind.Weld ? Point3.Zero : ready.RotationAxis.Normalized(),
                coordinateIndex,
                body.Mass,
                body.MassCenter,
                InertiaTensor.From(body.Inertia)));
        }

        _links = [.. links];
        // A joint frame whose parent body never moves (ground, or bodies welded to it) is the same in every posture,
        // and so is a body welded there: place them once here instead of in every evaluation.
        _hasFixedJointFrame = new bool[_links.Length];
        _fixedJointFrames = new Pose[_links.Length];
        _fixedBodyPoses = new Pose?[_links.Length];
        for (var i = 0; i < _links.Length; i++)
        {
            var link = _links[i];
            Pose? parentPose = link.ParentLink < 0 ? Pose.Identity : _fixedBodyPoses[link.ParentLink];
            if (parentPose is { } fixedParent)
            {
                _hasFixedJointFrame[i] = true;
                _fixedJointFrames[i] = fixedParent.Compose(link.ParentOffset);
                if (link.CoordinateIndex < 0)
                {
                    _fixedBodyPoses[i] = _fixedJointFrames[i].Compose(link.ChildOffsetInverse);
                }
            }
        }

        Coordinates = coordinates;
        BodyNames = [.. _links.Select(l => l.BodyName)];
    }

    /// <summary>Gravity in ground (m/s²).</summary>
    public Point3 Gravity { get; }

    /// <summary>The coordinates, in the order of the q and u vectors.</summary>
    public IReadOnlyList<CoordinateDescription> Coordinates { get; }

    /// <summary>Number of coordinates (degrees of freedom).</summary>
    public int CoordinateCount => Coordinates.Count;

    /// <summary>The bodies in evaluation order (parents before children).</summary>
    public IReadOnlyList<string> BodyNames { get; }

    /// <summary>New scratch space for evaluating this chain on one thread.</summary>
    public MultibodyState CreateState() => new(_links.Length, CoordinateCount);

    /// <summary>The index of a body in <see cref="BodyNames"/>, or -1 for ground.</summary>
    /// <exception cref="KeyNotFoundException">The body is not in the chain.</exception>
    public int BodyIndex(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body == ModelDescription.Ground)
        {
            return -1;
        }

        return _linkByBody.TryGetValue(body, out var index)
            ? index
            : throw new KeyNotFoundException($"No body '{body}' in the chain (bodies: {string.Join(", ", BodyNames)}).");
    }

    /// <summary>
    /// The coordinates that change the relative placement of <paramref name="bodies"/> (names; <c>ground</c> allowed):
    /// those on the joints between them, i.e. on some body's path from ground but not on every body's path. A muscle
    /// path attached to these bodies depends on these coordinates only.
    /// </summary>
    public IReadOnlyList<int> CoordinatesBetween(IEnumerable<string> bodies)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        HashSet<int>? common = null;
        var union = new HashSet<int>();
        foreach (var body in bodies)
        {
            var chainToGround = new HashSet<int>();
            for (var i = BodyIndex(body); i >= 0; i = _links[i].ParentLink)
            {
                if (_links[i].CoordinateIndex >= 0)
                {
                    chainToGround.Add(_links[i].CoordinateIndex);
                }
            }

            union.UnionWith(chainToGround);
            if (common is null)
            {
                common = chainToGround;
            }
            else
            {
                common.IntersectWith(chainToGround);
            }
        }

        if (common is not null)
        {
            union.ExceptWith(common);
        }

        return [.. union.Order()];
    }

    /// <summary>The pose in ground of body <paramref name="bodyIndex"/> (-1 for ground) after
    /// <see cref="UpdatePositions"/>.</summary>
    public static Pose BodyPose(MultibodyState state, int bodyIndex)
    {
        ArgumentNullException.ThrowIfNull(state);
        return bodyIndex < 0 ? Pose.Identity : state.Poses[bodyIndex];
    }

    /// <summary>Computes every body's pose in ground for coordinates <paramref name="q"/>.</summary>
    public void UpdatePositions(ReadOnlySpan<double> q, MultibodyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = 0; i < _links.Length; i++)
        {
            var link = _links[i];
            var jointFrame = _hasFixedJointFrame[i]
                ? _fixedJointFrames[i]
                : (link.ParentLink < 0 ? Pose.Identity : state.Poses[link.ParentLink]).Compose(link.ParentOffset);
            Pose pose;
            if (_fixedBodyPoses[i] is { } fixedPose)
            {
                pose = fixedPose;
            }
            else if (link.CoordinateIndex < 0)
            {
                pose = jointFrame.Compose(link.ChildOffsetInverse);
            }
            else
            {
                var (sin, cos) = Math.SinCos(q[link.CoordinateIndex]);
                pose = jointFrame.Compose(link.RotationTerms.Apply(sin, cos));
            }

            state.Poses[i] = pose;
            state.JointPoints[i] = jointFrame.Origin;
            state.JointAxes[i] = jointFrame.Rotation * link.Axis;
            state.MassCenters[i] = pose.ToOuter(link.MassCenter);
            state.Inertia[i] = link.Inertia.RotatedBy(pose.Rotation);
        }
    }

    /// <summary>
    /// Computes every body's angular velocity and the velocity of its origin, in ground, for speeds
    /// <paramref name="u"/>, after <see cref="UpdatePositions"/>. With a unit speed vector this gives the partial
    /// velocities (∂/∂q_j) used for moment arms.
    /// </summary>
    public void UpdateVelocities(ReadOnlySpan<double> u, MultibodyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = 0; i < _links.Length; i++)
        {
            var link = _links[i];
            Point3 parentOmega = Point3.Zero, jointPointVelocity = Point3.Zero;
            if (link.ParentLink >= 0)
            {
                var p = link.ParentLink;
                parentOmega = state.BodyAngularVelocity[p];
                jointPointVelocity = state.BodyOriginVelocity[p] + parentOmega.Cross(state.JointPoints[i] - state.Poses[p].Origin);
            }

            var omega = link.CoordinateIndex < 0 ? parentOmega : parentOmega + (state.JointAxes[i] * u[link.CoordinateIndex]);
            state.BodyAngularVelocity[i] = omega;
            state.BodyOriginVelocity[i] = jointPointVelocity + omega.Cross(state.Poses[i].Origin - state.JointPoints[i]);
        }
    }

    /// <summary>The angular velocity and origin velocity in ground of body <paramref name="bodyIndex"/> (-1 for
    /// ground, at rest) after <see cref="UpdateVelocities"/>.</summary>
    public static (Point3 Angular, Point3 Linear) BodyVelocity(MultibodyState state, int bodyIndex)
    {
        ArgumentNullException.ThrowIfNull(state);
        return bodyIndex < 0 ? (Point3.Zero, Point3.Zero) : (state.BodyAngularVelocity[bodyIndex], state.BodyOriginVelocity[bodyIndex]);
    }

    /// <summary>
    /// Inverse dynamics after <see cref="UpdatePositions"/>: the generalised forces that produce accelerations
    /// <paramref name="udot"/> at speeds <paramref name="u"/> (including gravity when <paramref name="withGravity"/>).
    /// </summary>
    public void InverseDynamics(ReadOnlySpan<double> u, ReadOnlySpan<double> udot, bool withGravity, Span<double> tau, MultibodyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var groundAcceleration = withGravity ? -Gravity : Point3.Zero;
        for (var i = 0; i < _links.Length; i++)
        {
            var link = _links[i];
            Point3 parentOmega, parentAlpha, jointPointAcceleration;
            if (link.ParentLink < 0)
            {
                parentOmega = Point3.Zero;
                parentAlpha = Point3.Zero;
                jointPointAcceleration = groundAcceleration;
            }
            else
            {
                var p = link.ParentLink;
                parentOmega = state.AngularVelocity[p];
                parentAlpha = state.AngularAcceleration[p];
                var r = state.JointPoints[i] - state.MassCenters[p];
                jointPointAcceleration = state.MassCenterAcceleration[p] + parentAlpha.Cross(r) + parentOmega.Cross(parentOmega.Cross(r));
            }

            var axis = state.JointAxes[i];
            var (speed, acceleration) = link.CoordinateIndex < 0 ? (0.0, 0.0) : (u[link.CoordinateIndex], udot[link.CoordinateIndex]);
            var omega = parentOmega + (axis * speed);
            var alpha = parentAlpha + (parentOmega.Cross(axis) * speed) + (axis * acceleration);
            var arm = state.MassCenters[i] - state.JointPoints[i];
            state.AngularVelocity[i] = omega;
            state.AngularAcceleration[i] = alpha;
            state.MassCenterAcceleration[i] = jointPointAcceleration + alpha.Cross(arm) + omega.Cross(omega.Cross(arm));
        }

        for (var i = 0; i < _links.Length; i++)
        {
            var link = _links[i];
            var inertia = state.Inertia[i];
            var omega = state.AngularVelocity[i];
            var iOmega = inertia.Times(omega);
            var iAlpha = inertia.Times(state.AngularAcceleration[i]);
            state.Force[i] = state.MassCenterAcceleration[i] * link.Mass;
            // Moment about the joint point.
            state.Moment[i] = iAlpha + omega.Cross(iOmega) + (state.MassCenters[i] - state.JointPoints[i]).Cross(state.Force[i]);
        }

        tau.Clear();
        for (var i = _links.Length - 1; i >= 0; i--)
        {
            var link = _links[i];
            if (link.CoordinateIndex >= 0)
            {
                tau[link.CoordinateIndex] = state.JointAxes[i].Dot(state.Moment[i]);
            }

            if (link.ParentLink >= 0)
            {
                var p = link.ParentLink;
                state.Force[p] += state.Force[i];
                state.Moment[p] += state.Moment[i] + (state.JointPoints[i] - state.JointPoints[p]).Cross(state.Force[i]);
            }
        }
    }

    /// <summary>
    /// Forward dynamics after <see cref="UpdatePositions"/>: accelerations <paramref name="udot"/> for speeds
    /// <paramref name="u"/> under gravity and the applied generalised forces <paramref name="appliedForces"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The mass matrix is singular (a massless chain).</exception>
    public void ForwardDynamics(ReadOnlySpan<double> u, ReadOnlySpan<double> appliedForces, Span<double> udot, MultibodyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var n = CoordinateCount;
        var m = state.MassMatrix;
        var work = state.Work;
        // Mass matrix from the kinetic energy: each body k contributes, for every pair of joints (i, j) between it
        // and ground, m_k (a_i × (c_k − o_i))·(a_j × (c_k − o_j)) + a_i·I_k a_j (ground-frame axes a, joint points o,
        // mass centre c, inertia I). Cheaper than one inverse dynamics pass per coordinate.
        Array.Clear(m);
        for (var k = 0; k < _links.Length; k++)
        {
            var link = _links[k];
            var inertia = state.Inertia[k];
            var centre = state.MassCenters[k];
            for (var i = k; i >= 0; i = _links[i].ParentLink)
            {
                var ci = _links[i].CoordinateIndex;
                if (ci < 0)
                {
                    continue;
                }

                var ai = state.JointAxes[i];
                var vi = ai.Cross(centre - state.JointPoints[i]);
                var iai = inertia.Times(ai);
                for (var j = i; j >= 0; j = _links[j].ParentLink)
                {
                    var cj = _links[j].CoordinateIndex;
                    if (cj < 0)
                    {
                        continue;
                    }

                    var aj = state.JointAxes[j];
                    var vj = aj.Cross(centre - state.JointPoints[j]);
                    var contribution = (link.Mass * vi.Dot(vj)) + aj.Dot(iai);
                    m[(ci * n) + cj] += contribution;
                    if (ci != cj)
                    {
                        m[(cj * n) + ci] += contribution;
                    }
                }
            }
        }

        InverseDynamics(u, state.Zero, withGravity: true, work, state);
        for (var i = 0; i < n; i++)
        {
            udot[i] = appliedForces[i] - work[i];
        }

        CholeskySolveInPlace(m, n, udot);
    }

    /// <summary>Kinetic energy (J) after <see cref="UpdatePositions"/>, at speeds <paramref name="u"/>.</summary>
    public double KineticEnergy(ReadOnlySpan<double> u, MultibodyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        InverseDynamics(u, state.Zero, withGravity: false, state.Work, state);
        var energy = 0.0;
        for (var i = 0; i < _links.Length; i++)
        {
            var link = _links[i];
            var omega = state.AngularVelocity[i];
            var v = MassCenterVelocity(i, u, state);
            energy += (0.5 * link.Mass * v.Dot(v)) + (0.5 * omega.Dot(state.Inertia[i].Times(omega)));
        }

        return energy;
    }

    /// <summary>Gravitational potential energy (J) after <see cref="UpdatePositions"/>, zero at ground's origin.</summary>
    public double PotentialEnergy(MultibodyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var energy = 0.0;
        for (var i = 0; i < _links.Length; i++)
        {
            energy -= _links[i].Mass * Gravity.Dot(state.MassCenters[i]);
        }

        return energy;
    }

    private Point3 MassCenterVelocity(int link, ReadOnlySpan<double> u, MultibodyState state)
    {
        // v_c = Σ over the joints from ground to this link of (axis × (c - joint point)) · u.
        var velocity = Point3.Zero;
        var c = state.MassCenters[link];
        for (var i = link; i >= 0; i = _links[i].ParentLink)
        {
            if (_links[i].CoordinateIndex >= 0)
            {
                velocity += state.JointAxes[i].Cross(c - state.JointPoints[i]) * u[_links[i].CoordinateIndex];
            }
        }

        return velocity;
    }

    private static void CholeskySolveInPlace(double[] m, int n, Span<double> b)
    {
        // Factor M = L Lᵀ in place (lower triangle), then solve L y = b and Lᵀ x = y.
        for (var j = 0; j < n; j++)
        {
            var d = m[(j * n) + j];
            for (var k = 0; k < j; k++)
            {
                d -= m[(j * n) + k] * m[(j * n) + k];
            }

            if (!(d > 0))
            {
                throw new InvalidOperationException("The mass matrix is not positive definite (a massless or degenerate chain).");
            }

            d = Math.Sqrt(d);
            m[(j * n) + j] = d;
            for (var i = j + 1; i < n; i++)
            {
                var s = m[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= m[(i * n) + k] * m[(j * n) + k];
                }

                m[(i * n) + j] = s / d;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= m[(i * n) + k] * b[k];
            }

            b[i] = s / m[(i * n) + i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= m[(k * n) + i] * b[k];
            }

            b[i] = s / m[(i * n) + i];
        }
    }
}
