namespace ArmRnn.Excitation;

/// <summary>Checks (or clamps) a <c>[batch, muscle]</c> block of excitations before a plant uses it.</summary>
public static class ExcitationGuard
{
    /// <summary>
    /// Copies <paramref name="excitations"/> to <paramref name="destination"/>, applying <paramref name="policy"/>.
    /// Allocation-free unless it throws.
    /// </summary>
    /// <param name="excitations">Excitations, <c>[batch, muscle]</c>.</param>
    /// <param name="destination">Where the checked values go (may be the same memory as the input).</param>
    /// <param name="muscleNames">Muscle names, for the error message; its count is the row length.</param>
    /// <param name="policy">Reject or clamp out-of-range values.</param>
    /// <param name="time">Simulated time (s), for the error message.</param>
    /// <exception cref="ExcitationOutOfRangeException">A value is non-finite, or outside [0, 1] under
    /// <see cref="ExcitationRangePolicy.Reject"/>.</exception>
    public static void Apply(
        ReadOnlySpan<double> excitations,
        Span<double> destination,
        IReadOnlyList<string> muscleNames,
        ExcitationRangePolicy policy,
        double time)
    {
        ArgumentNullException.ThrowIfNull(muscleNames);
        var muscles = muscleNames.Count;
        if (excitations.Length != destination.Length || muscles == 0 || excitations.Length % muscles != 0)
        {
            throw new ArgumentException(
                $"Excitations must be [batch, {muscles}] blocks; got {excitations.Length} values for a destination of {destination.Length}.",
                nameof(excitations));
        }

        for (var i = 0; i < excitations.Length; i++)
        {
            var value = excitations[i];
            if (value is >= 0.0 and <= 1.0)
            {
                destination[i] = value;
                continue;
            }

            if (policy == ExcitationRangePolicy.Clamp && double.IsFinite(value))
            {
                destination[i] = Math.Clamp(value, 0.0, 1.0);
                continue;
            }

            throw new ExcitationOutOfRangeException(i / muscles, muscleNames[i % muscles], value, time);
        }
    }
}
