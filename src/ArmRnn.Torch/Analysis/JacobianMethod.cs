namespace ArmRnn.Torch.Analysis;

/// <summary>How <see cref="FixedPointFinder"/> obtains the Jacobian spectrum at each fixed point.</summary>
public enum JacobianMethod
{
    /// <summary>The dense Jacobian <c>dF/dh</c> by autograd (n backward passes per chunk of points) and its full
    /// eigendecomposition (MathNet). Memory: the Jacobians of a chunk of <see cref="FixedPointOptions.JacobianChunkSize"/>
    /// points as n² doubles each on the host (8 MiB per point at n = 1024; the device holds one row block of
    /// chunk·n values at a time), plus about 4·n² doubles for one decomposition (32 MiB at n = 1024). Time grows as n³ (seconds per point at n = 1024).</summary>
    Dense = 0,

    /// <summary>Only the <see cref="FixedPointOptions.TopEigenvalueCount"/> eigenvalues of largest magnitude (and
    /// their eigenvectors), by Arnoldi iteration on Jacobian-vector products (two autograd passes each); the Jacobian
    /// is never formed. Memory per point: the Krylov basis, n·(m + 1) doubles for m Arnoldi steps.</summary>
    TopEigenvalues = 1,

    /// <summary>No Jacobian: fixed points and q values only.</summary>
    None = 2,
}
