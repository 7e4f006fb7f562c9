using ArmRnn.Data;
using ArmRnn.Geometry;
using ArmRnn.Metrics;
using ArmRnn.Tasks;

namespace ArmRnn.Core.Tests.Metrics;

public class ReachMetricsTests
{
    private const double Dt = 0.01;
    private const int Samples = 100;
    private const int MovementStartStep = 20; // the movement starts at 0.2 s
    private const double MovementTime = 0.5;

    private static readonly Point3 Start = new(0.1, 0.2, 0.05);
    private static readonly Point3 Direction = new(0.8, -0.6, 0); // unit
    private static readonly Point3 Target = Start + (Direction * 0.1); // d = 0.1 m

    /// <summary>s(τ) evaluated here from the closed form (not through the library).</summary>
    private static double S(double tau)
    {
        tau = Math.Clamp(tau, 0, 1);
        return (10 * Math.Pow(tau, 3)) - (15 * Math.Pow(tau, 4)) + (6 * Math.Pow(tau, 5));
    }

    private static double Tau(int sample) => (sample + 1 - MovementStartStep) * Dt / MovementTime;

    /// <summary>A minimum-jerk reach from start to <paramref name="end"/>, plus an optional bulge A·sin(π s) along
    /// <paramref name="bulgeDirection"/>; sample t at time (t + 1)·dt.</summary>
    private static double[] Path(Point3 end, double bulge = 0, Point3 bulgeDirection = default)
    {
        var path = new double[Samples * 3];
        for (var t = 0; t < Samples; t++)
        {
            var s = S(Tau(t));
            var p = Start + ((end - Start) * s) + (bulgeDirection * (bulge * Math.Sin(Math.PI * s)));
            path[3 * t] = p.X;
            path[(3 * t) + 1] = p.Y;
            path[(3 * t) + 2] = p.Z;
        }

        return path;
    }

    /// <summary>Solves v(τ) = level for τ in [low, high] by bisection, v(τ) = 30τ²(1 − τ)².</summary>
    private static double Bisect(double level, double low, double high)
    {
        static double V(double tau) => 30 * tau * tau * (1 - tau) * (1 - tau);
        var rising = V(high) > V(low);
        for (var i = 0; i < 100; i++)
        {
            var mid = 0.5 * (low + high);
            if ((V(mid) < level) == rising)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }

    [Fact]
    public void A_straight_minimum_jerk_reach_has_no_deviation_no_endpoint_error_and_the_analytic_peak_speed()
    {
        var outcome = ReachMetrics.Compute(Path(Target), Start, Target, Dt);
        // Positions of ~0.3 m from a few products: rounding ~1e-16 m.
        Assert.Equal(0.0, outcome.MaxDeviation, 1e-12);
        Assert.Equal(0.0, outcome.EndpointError, 1e-12);
        // 1.875·d/T = 0.375 m/s. Central differences err by dt²/6·|speed''| = 1e-4/6·(0.1·30/0.5³) = 4e-4 m/s
        // at the midpoint sample; 2e-3 m/s (0.5%) bounds that with room.
        Assert.Equal(1.875 * 0.1 / MovementTime, outcome.PeakSpeed, 2e-3);
        Assert.Equal(44, outcome.PeakSpeedStep); // (44 + 1)·dt = 0.45 s = 0.2 s + T/2
    }

    [Fact]
    public void Onset_end_and_movement_time_match_the_analytic_threshold_crossings()
    {
        var outcome = ReachMetrics.Compute(Path(Target), Start, Target, Dt, new ReachMetricsOptions { SpeedThresholdFraction = 0.1 });
        var tauOn = Bisect(0.1 * 1.875, 0, 0.5);
        var tauOff = Bisect(0.1 * 1.875, 0.5, 1);
        Assert.Equal(1.0, tauOn + tauOff, 1e-12); // the profile is symmetric: a check on the bisection
        var onset = 0.2 + (tauOn * MovementTime);
        var end = 0.2 + (tauOff * MovementTime);
        // Samples are dt apart, so the first sample past a crossing is within one dt of it.
        Assert.Equal(onset, outcome.OnsetTime, Dt);
        Assert.Equal(end, outcome.EndTime, Dt);
        Assert.Equal(end - onset, outcome.MovementTime, Dt);
        Assert.True(outcome.OnsetTime >= onset - 1e-9, "onset is the first sample past the crossing");
    }

    [Theory]
    [InlineData(0.6, 0.8, 0.0)]
    [InlineData(0.0, 0.0, 1.0)]
    public void A_sinusoidal_bulge_of_amplitude_A_gives_a_maximum_deviation_of_A(double nx, double ny, double nz)
    {
        const double a = 0.012;
        var normal = new Point3(nx, ny, nz); // perpendicular to Direction
        Assert.Equal(0.0, normal.Dot(Direction), 1e-15);
        var outcome = ReachMetrics.Compute(Path(Target, a, normal), Start, Target, Dt);
        // The midpoint (s = 0.5, sin = 1) is sample 44 up to the rounding of t·dt: error ≪ 1e-12 m.
        Assert.Equal(a, outcome.MaxDeviation, 1e-12);
        Assert.Equal(0.0, outcome.EndpointError, 1e-12);
    }

    [Fact]
    public void In_a_plane_the_out_of_plane_offset_is_not_an_error_and_the_in_plane_one_is()
    {
        // A reach in the x-y plane (Direction has no z) that ends 3 mm past the target along the line, 4 mm beside it in
        // the plane and 5 mm above the plane (z), and bulges 12 mm out of the plane and 6 mm in it on the way. In the
        // plane the errors are the in-plane parts alone, 5 mm (3-4-5) and 6 mm; in 3D the z parts add in (√50 mm and
        // the bulge's 3D size). Exact geometry: 1e-12 m is rounding.
        var side = new Point3(0.6, 0.8, 0); // in the plane, perpendicular to Direction
        var up = new Point3(0, 0, 1);
        var end = Target + (Direction * 0.003) + (side * 0.004) + (up * 0.005);
        var bulge = (up * 0.012) + (side * 0.006);
        var path = Path(end, 1.0, bulge);

        var inPlane = ReachMetrics.Compute(path, Start, Target, Dt, new ReachMetricsOptions { Plane = ReachPlane.XY, EndpointStep = Samples - 1 });
        var in3D = ReachMetrics.Compute(path, Start, Target, Dt, new ReachMetricsOptions { EndpointStep = Samples - 1 });

        Assert.Equal(0.005, inPlane.EndpointError, 1e-12);
        Assert.Equal(Math.Sqrt(0.003 * 0.003 + 0.004 * 0.004 + 0.005 * 0.005), in3D.EndpointError, 1e-12);
        Assert.True(in3D.MaxDeviation > 0.012, $"3D deviation {in3D.MaxDeviation} should include the 12 mm out-of-plane bulge");
        // In the plane, the deviation from the line is at most the 6 mm side bulge plus the 4 mm side offset of the end.
        Assert.InRange(inPlane.MaxDeviation, 0.006 - 1e-12, 0.010 + 1e-12);
        Assert.Equal(in3D.PeakSpeed, inPlane.PeakSpeed); // speeds stay 3D
    }

    [Fact]
    public void The_endpoint_error_is_measured_at_the_chosen_step()
    {
        var outcome = ReachMetrics.Compute(Path(Target), Start, Target, Dt, new ReachMetricsOptions { EndpointStep = 44 });
        Assert.Equal(0.05, outcome.EndpointError, 1e-12); // halfway along 0.1 m
        Assert.Throws<ArgumentOutOfRangeException>(() => ReachMetrics.Compute(Path(Target), Start, Target, Dt, new ReachMetricsOptions { EndpointStep = 100 }));
    }

    [Fact]
    public void A_hand_that_never_moves_has_no_onset_and_a_hand_that_never_stops_has_no_end()
    {
        var still = new double[Samples * 3];
        for (var t = 0; t < Samples; t++)
        {
            still[3 * t] = Start.X;
            still[(3 * t) + 1] = Start.Y;
            still[(3 * t) + 2] = Start.Z;
        }

        var none = ReachMetrics.Compute(still, Start, Target, Dt);
        Assert.Equal(0.0, none.PeakSpeed);
        Assert.Equal(-1, none.OnsetStep);
        Assert.True(double.IsNaN(none.OnsetTime));
        Assert.True(double.IsNaN(none.MovementTime));
        Assert.Equal(0.1, none.EndpointError, 1e-12);

        var drifting = new double[Samples * 3];
        for (var t = 0; t < Samples; t++)
        {
            var p = Start + (Direction * (0.001 * t));
            drifting[3 * t] = p.X;
            drifting[(3 * t) + 1] = p.Y;
            drifting[(3 * t) + 2] = p.Z;
        }

        var endless = ReachMetrics.Compute(drifting, Start, Target, Dt);
        Assert.Equal(0, endless.OnsetStep);
        Assert.Equal(-1, endless.EndStep);
        Assert.True(double.IsNaN(endless.EndTime));
        Assert.True(double.IsNaN(endless.MovementTime));
        Assert.Equal(0.1, endless.PeakSpeed, 1e-9); // 1 mm per 10 ms
    }

    [Fact]
    public void Summaries_average_reach_trials_per_target_and_count_catch_trials_apart()
    {
        Point3[] offsets = [new(0.01, 0, 0), new(0, 0.02, 0), Point3.Zero];
        int[] conditions = [0, 1, 0];
        var trials = new List<ReachTrial>();
        var paths = new TrajectoryArray(4, Samples, 3);
        for (var i = 0; i < 3; i++)
        {
            trials.Add(new ReachTrial(conditions[i], Start, Target, 20, 20, MovementTime, false));
            Path(Target + offsets[i]).CopyTo(paths.Trajectory(i));
        }

        // A catch trial whose hand drifts 3 mm and stays there.
        trials.Add(new ReachTrial(-1, Start, Target, -1, -1, MovementTime, true));
        Path(Start + new Point3(0.003, 0, 0)).CopyTo(paths.Trajectory(3));

        var outcomes = ReachMetrics.ComputeBatch(paths, trials, Dt);
        Assert.Equal(0.003, outcomes[3].EndpointError, 1e-12); // catch trials are measured from the start
        var summary = ReachMetrics.Summarize(outcomes, trials);
        Assert.Equal(3, summary.TrialCount);
        Assert.Equal(1, summary.CatchTrialCount);
        Assert.Equal(0.01, summary.MeanEndpointError, 1e-12); // (0.01 + 0.02 + 0) / 3
        Assert.Equal([0, 1], summary.EndpointErrorByCondition.Keys);
        Assert.Equal(0.005, summary.EndpointErrorByCondition[0], 1e-12);
        Assert.Equal(0.02, summary.EndpointErrorByCondition[1], 1e-12);
        Assert.Equal(0.003, summary.MeanCatchTrialDrift, 1e-12);
        Assert.Equal(outcomes.Take(3).Max(o => o.MaxDeviation), summary.MaxDeviation);
        Assert.Equal(0, summary.TrialsWithoutMovementEnd);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ReachMetrics.Compute([], Start, Target, Dt));
        Assert.Throws<ArgumentException>(() => ReachMetrics.Compute([1, 2, 3, 4], Start, Target, Dt));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReachMetrics.Compute([1, 2, 3], Start, Target, 0));
        var fraction = Assert.Throws<ArgumentException>(() => ReachMetrics.Compute([1, 2, 3], Start, Target, Dt, new ReachMetricsOptions { SpeedThresholdFraction = 1.5 }));
        Assert.Contains("SpeedThresholdFraction must be in (0, 1); it is 1.5", fraction.Message, StringComparison.Ordinal);
    }
}
