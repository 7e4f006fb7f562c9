using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Options;
using ArmRnn.Randomness;

namespace ArmRnn.Excitation;

/// <summary>Checks shared by the excitation generators and their options.</summary>
internal static class ExcitationGeneratorChecks
{
    /// <summary>The messages for an excitation range [min, max] that is not inside [0, 1] or not ordered.</summary>
    public static string?[] Bounds(double min, double max) =>
    [
        OptionChecks.InRange("Min", min, 0.0, 1.0),
        OptionChecks.InRange("Max", max, 0.0, 1.0),
        OptionChecks.Ordered("Min", min, "Max", max),
    ];

    /// <summary>Checks the arguments of <see cref="IExcitationGenerator.Generate"/>.</summary>
    public static void CheckArguments(TrajectoryArray excitations, double dt, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(excitations);
        ArgumentNullException.ThrowIfNull(random);
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The control step must be a positive, finite number of seconds.");
        }
    }

    /// <summary>Throws when <paramref name="frequency"/> is not below the Nyquist frequency 1 / (2·dt).</summary>
    public static void CheckBelowNyquist(string generator, string option, double frequency, double dt)
    {
        var nyquist = 0.5 / dt;
        if (!(frequency < nyquist))
        {
            throw new ArgumentOutOfRangeException(
                nameof(dt),
                dt,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{generator}: {option} = {frequency} Hz must be below the Nyquist frequency {nyquist} Hz of the control step dt = {dt} s; use a smaller dt or a lower frequency."));
        }
    }

    /// <summary>Formats a number with the invariant culture.</summary>
    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
