namespace ArmRnn.Tasks;

/// <summary>
/// The minimum-jerk profile of a point-to-point movement (Flash and Hogan, 1985): the fraction of the distance
/// covered at normalised time τ = t / duration is s(τ) = 10τ³ − 15τ⁴ + 6τ⁵ for τ in [0, 1], 0 before and 1 after.
/// </summary>
/// <remarks>
/// <see cref="Velocity"/> and <see cref="Acceleration"/> are derivatives with respect to τ ("per unit duration");
/// for a movement of distance d and duration T the speed is d · Velocity(t / T) / T and the acceleration
/// d · Acceleration(t / T) / T². A NaN τ gives NaN.
/// </remarks>
public static class MinimumJerk
{
    /// <summary>The peak of ds/dτ, reached at τ = 0.5: 30 · 0.5² · 0.5² = 1.875.</summary>
    public const double PeakVelocity = 1.875;

    /// <summary>The position fraction s(τ) = 10τ³ − 15τ⁴ + 6τ⁵, clamped to 0 for τ ≤ 0 and 1 for τ ≥ 1.</summary>
    /// <param name="tau">Normalised time t / duration.</param>
    public static double Position(double tau)
    {
        if (tau <= 0)
        {
            return 0;
        }

        if (tau >= 1)
        {
            return 1;
        }

        var tau3 = tau * tau * tau;
        return tau3 * (10 + (tau * (-15 + (6 * tau))));
    }

    /// <summary>ds/dτ = 30τ²(1 − τ)² inside (0, 1), 0 outside.</summary>
    /// <param name="tau">Normalised time t / duration.</param>
    public static double Velocity(double tau)
    {
        if (tau <= 0 || tau >= 1)
        {
            return 0;
        }

        var a = tau * (1 - tau);
        return 30 * a * a;
    }

    /// <summary>d²s/dτ² = 60τ(1 − τ)(1 − 2τ) inside (0, 1), 0 outside.</summary>
    /// <param name="tau">Normalised time t / duration.</param>
    public static double Acceleration(double tau)
    {
        if (tau <= 0 || tau >= 1)
        {
            return 0;
        }

        return 60 * tau * (1 - tau) * (1 - (2 * tau));
    }

    /// <summary>The peak speed per unit distance of a movement lasting <paramref name="duration"/> seconds:
    /// 1.875 / duration (1/s). Multiply by the distance for the peak speed.</summary>
    /// <param name="duration">Movement duration (s), positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">The duration is not positive and finite.</exception>
    public static double PeakSpeedFactor(double duration)
    {
        if (!(duration > 0) || !double.IsFinite(duration))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The movement duration must be a positive, finite number of seconds.");
        }

        return PeakVelocity / duration;
    }
}
