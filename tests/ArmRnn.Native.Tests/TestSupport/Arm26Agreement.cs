using System.Globalization;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Metrics;
using ArmRnn.OpenSim.Model;

namespace ArmRnn.Native.Tests.TestSupport;

/// <summary>
/// How closely an Arm26 simulation follows another one (a real OpenSim 4.3 run, or another engine), in the measures of
/// the managed engine's validation (docs/validation.md), and the bars that validation requires: joint angles 0.2° RMS
/// and 0.5° max, joint speeds 1°/s RMS, activations 0.005 max, fiber lengths 0.5% of the optimal length RMS, the hand
/// 2 mm RMS, and every channel that varies in the reference at least 99% VAF.
/// </summary>
internal sealed record Arm26Agreement(
    double AngleRmseDegrees,
    double AngleMaxErrorDegrees,
    double SpeedRmseDegreesPerSecond,
    double ActivationMaxError,
    double FiberLengthRmsePercentOfOptimal,
    double HandRmseMillimetres,
    double LowestVaf,
    string LowestVafChannel)
{
    private const double Degrees = 180 / Math.PI;

    /// <summary>Compares <paramref name="actual"/> with <paramref name="reference"/> at the reference's times (the
    /// actual table linearly interpolated there); each measure is the worst over coordinates or muscles.</summary>
    public static Arm26Agreement Measure(StorageTable reference, StorageTable actual)
    {
        var agreement = StorageComparison.Compare(reference, actual).ToDictionary(a => a.Channel);
        double angleRmse = 0, angleMax = 0, speedRmse = 0;
        foreach (var c in Arm26Layout.Coordinates)
        {
            var angle = agreement[OpenSimChannelNames.CoordinateValue(c.Joint, c.Coordinate)];
            angleRmse = Math.Max(angleRmse, angle.Rmse * Degrees);
            angleMax = Math.Max(angleMax, angle.MaxAbsError * Degrees);
            speedRmse = Math.Max(speedRmse, agreement[OpenSimChannelNames.CoordinateSpeed(c.Joint, c.Coordinate)].Rmse * Degrees);
        }

        double activationMax = 0, fiberPercent = 0;
        foreach (var muscle in Arm26Model.Create().Muscles)
        {
            activationMax = Math.Max(activationMax, agreement[OpenSimChannelNames.MuscleState(muscle.Name, "activation")].MaxAbsError);
            var fiber = agreement[OpenSimChannelNames.MuscleState(muscle.Name, "fiber_length")];
            fiberPercent = Math.Max(fiberPercent, 100 * fiber.Rmse / muscle.Parameters.OptimalFiberLength);
        }

        // The hand error is the distance between the two hand positions, RMS over the reference's rows.
        var squared = 0.0;
        for (var r = 0; r < reference.RowCount; r++)
        {
            foreach (var axis in new[] { Arm26Layout.Hand.X, Arm26Layout.Hand.Y, Arm26Layout.Hand.Z! })
            {
                var error = actual.Interpolate(axis, reference.Time(r)) - reference[r, axis];
                squared += error * error;
            }
        }

        // Channels constant in the reference (zero range, e.g. a passive force that never engages) have no variance
        // for a VAF to account for.
        var lowest = agreement.Values.Where(a => a.ReferenceRange > 0).MinBy(a => a.Vaf)!;
        return new Arm26Agreement(angleRmse, angleMax, speedRmse, activationMax, fiberPercent,
            1000 * Math.Sqrt(squared / reference.RowCount), lowest.Vaf, lowest.Channel);
    }

    /// <summary>The bars this agreement misses, one sentence each; empty when it meets them all.</summary>
    public IReadOnlyList<string> MissedBars()
    {
        var missed = new List<string>();
        Check(AngleRmseDegrees <= 0.2, $"joint angle RMSE {AngleRmseDegrees:0.####} deg > 0.2");
        Check(AngleMaxErrorDegrees <= 0.5, $"max joint angle error {AngleMaxErrorDegrees:0.####} deg > 0.5");
        Check(SpeedRmseDegreesPerSecond <= 1.0, $"joint speed RMSE {SpeedRmseDegreesPerSecond:0.####} deg/s > 1");
        Check(ActivationMaxError <= 0.005, $"max activation error {ActivationMaxError:0.######} > 0.005");
        Check(FiberLengthRmsePercentOfOptimal <= 0.5, $"fiber length RMSE {FiberLengthRmsePercentOfOptimal:0.####}% of optimal > 0.5%");
        Check(HandRmseMillimetres <= 2.0, $"hand RMSE {HandRmseMillimetres:0.####} mm > 2");
        Check(LowestVaf >= 99.0, $"VAF of {LowestVafChannel} {LowestVaf:0.###}% < 99%");
        return missed;

        void Check(bool met, FormattableString failure)
        {
            if (!met)
            {
                missed.Add(failure.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>One row of docs/validation.md's table (same columns).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"| {AngleRmseDegrees:0.0000} | {AngleMaxErrorDegrees:0.0000} | {SpeedRmseDegreesPerSecond:0.000} | {ActivationMaxError:0.00000} | {FiberLengthRmsePercentOfOptimal:0.0000} | {HandRmseMillimetres:0.0000} | {LowestVaf:0.000} ({LowestVafChannel}) |");
}
