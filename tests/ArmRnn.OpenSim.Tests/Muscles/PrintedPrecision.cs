namespace ArmRnn.OpenSim.Tests.Muscles;

/// <summary>
/// The rounding of numbers printed with 10 significant digits (OpenSim's .sto writer, <c>%.10g</c>): half a unit in
/// the tenth significant digit.
/// </summary>
internal static class PrintedPrecision
{
    public const int SignificantDigits = 10;

    public static double HalfUnit(double printed)
    {
        if (printed == 0.0 || !double.IsFinite(printed))
        {
            return 0.0;
        }

        double exponent = Math.Floor(Math.Log10(Math.Abs(printed)));
        return 0.5 * Math.Pow(10.0, exponent - (SignificantDigits - 1));
    }

    /// <summary>
    /// The largest of the two one-sided difference quotients of <paramref name="f"/> at <paramref name="x"/> (one-sided,
    /// so that a clamp or a kink at <paramref name="x"/> is not averaged away).
    /// </summary>
    public static double Slope(Func<double, double> f, double x)
    {
        double h = Math.Max(1e-7 * Math.Abs(x), 1e-12);
        double y = f(x);
        return Math.Max(Math.Abs(f(x + h) - y), Math.Abs(y - f(x - h))) / h;
    }
}
