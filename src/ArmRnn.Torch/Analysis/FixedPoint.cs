namespace ArmRnn.Torch.Analysis;

/// <summary>One fixed (or slow) point of a recurrent map, with its q value and Jacobian spectrum.</summary>
public sealed class FixedPoint
{
    /// <summary>Creates a fixed point.</summary>
    /// <param name="state">The state h*.</param>
    /// <param name="q">q(h*) = ½‖F(h*) − h*‖² (Euclidean norm).</param>
    /// <param name="isConverged">Whether q reached the tolerance (false for a slow point).</param>
    /// <param name="spectrum">The Jacobian spectrum, or null when not computed.</param>
    /// <param name="jacobian">The dense Jacobian dF/dh (row i: dF_i/dh), or null when not kept.</param>
    public FixedPoint(double[] state, double q, bool isConverged, JacobianSpectrum? spectrum, double[,]? jacobian)
    {
        ArgumentNullException.ThrowIfNull(state);
        State = state;
        Q = q;
        IsConverged = isConverged;
        Spectrum = spectrum;
        Jacobian = jacobian;
    }

    /// <summary>The state h* (length n).</summary>
    public IReadOnlyList<double> State { get; }

    /// <summary>q(h*) = ½‖F(h*) − h*‖².</summary>
    public double Q { get; }

    /// <summary>Whether q reached <see cref="FixedPointOptions.QTolerance"/>; false for a slow point.</summary>
    public bool IsConverged { get; }

    /// <summary>The Jacobian spectrum, or null with <see cref="JacobianMethod.None"/>.</summary>
    public JacobianSpectrum? Spectrum { get; }

    /// <summary>The dense Jacobian (row i holds dF_i/dh), when <see cref="FixedPointOptions.KeepJacobians"/> is set.</summary>
    public double[,]? Jacobian { get; }

    /// <summary>The number of unstable directions (see <see cref="JacobianSpectrum.UnstableDirections"/>), or -1
    /// without a spectrum.</summary>
    public int UnstableDirections => Spectrum?.UnstableDirections ?? -1;

    /// <summary>Whether the point is stable (no eigenvalue outside the unit circle); false without a spectrum.</summary>
    public bool IsStable => Spectrum?.IsStable ?? false;
}
