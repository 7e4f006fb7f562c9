using ArmRnn.Data;

namespace ArmRnn.Torch.Analysis;

/// <summary>One jPCA plane: the plane of a conjugate eigenvalue pair ±iω of the skew-symmetric fit, oriented so that
/// the fitted rotation goes from <see cref="First"/> towards <see cref="Second"/> (counter-clockwise in plots).</summary>
public sealed class JPcaPlane
{
    /// <summary>Creates a plane.</summary>
    /// <param name="first">jPC1 in the space of the principal components used (unit norm).</param>
    /// <param name="second">jPC2, orthogonal to jPC1 (unit norm).</param>
    /// <param name="firstInUnits">jPC1 in unit space.</param>
    /// <param name="secondInUnits">jPC2 in unit space.</param>
    /// <param name="frequency">ω, the rotation rate of the skew-symmetric fit in this plane (rad/s).</param>
    /// <param name="projection">The data projected on (jPC1, jPC2), <c>[condition, time, 2]</c>.</param>
    public JPcaPlane(double[] first, double[] second, double[] firstInUnits, double[] secondInUnits, double frequency, TrajectoryArray projection)
    {
        First = first;
        Second = second;
        FirstInUnits = firstInUnits;
        SecondInUnits = secondInUnits;
        Frequency = frequency;
        Projection = projection;
    }

    /// <summary>jPC1 in principal-component coordinates.</summary>
    public IReadOnlyList<double> First { get; }

    /// <summary>jPC2 in principal-component coordinates.</summary>
    public IReadOnlyList<double> Second { get; }

    /// <summary>jPC1 in unit space (orthonormal with <see cref="SecondInUnits"/>).</summary>
    public IReadOnlyList<double> FirstInUnits { get; }

    /// <summary>jPC2 in unit space.</summary>
    public IReadOnlyList<double> SecondInUnits { get; }

    /// <summary>The rotation rate ω (rad/s) of the skew-symmetric dynamics in this plane.</summary>
    public double Frequency { get; }

    /// <summary>The analysed data projected on the plane, <c>[condition, time, 2]</c>.</summary>
    public TrajectoryArray Projection { get; }
}
