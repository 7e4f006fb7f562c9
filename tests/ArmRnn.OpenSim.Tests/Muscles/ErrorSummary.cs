using System.Globalization;

namespace ArmRnn.OpenSim.Tests.Muscles;

/// <summary>Running maxima of absolute error, relative error and error over its allowed bound.</summary>
internal sealed class ErrorSummary
{
    private readonly double _relativeFloor;

    // Relative errors are taken against max(|reference|, relativeFloor), so that near-zero references do not dominate.
    public ErrorSummary(double relativeFloor = 0.0) => _relativeFloor = relativeFloor;

    public double MaxAbsolute { get; private set; }

    public double MaxRelative { get; private set; }

    public double WorstRatio { get; private set; }

    public void Add(double computed, double reference, double bound)
    {
        double error = Math.Abs(computed - reference);
        MaxAbsolute = Math.Max(MaxAbsolute, error);
        double scale = Math.Max(Math.Abs(reference), _relativeFloor);
        if (scale > 0)
        {
            MaxRelative = Math.Max(MaxRelative, error / scale);
        }

        WorstRatio = Math.Max(WorstRatio, error / bound);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"max abs {MaxAbsolute:g3}, max rel {MaxRelative:g3}, max error/bound {WorstRatio:g3}");
}
