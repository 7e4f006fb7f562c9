using ArmRnn.Geometry;
using ArmRnn.Tasks;

namespace ArmRnn.Core.Tests.Tasks;

public class ReachReferenceTests
{
    private const double Dt = 0.01;
    private const int Steps = 100;

    // Positions are ~0.3 m built from a few products: rounding stays below 1e-15 m; 1e-12 m leaves room.
    private const double PositionTolerance = 1e-12;

    private static readonly Point3 Start = new(0.1, 0.2, 0.3);
    private static readonly Point3 Target = new(0.18, 0.14, 0.3);

    [Fact]
    public void Reference_holds_then_follows_the_minimum_jerk_profile_on_the_straight_line_then_holds()
    {
        // Cue and movement start at step 30 (t = 0.3 s); 0.5 s movement: arrival at state sample 30 - 1 + 50 = 79.
        var trial = new ReachTrial(0, Start, Target, GoCueStep: 30, MovementStartStep: 30, MovementTime: 0.5, IsCatchTrial: false);
        var path = new double[Steps * 3];
        ReachReference.Fill(trial, Dt, path);
        var direction = (Target - Start).Normalized();
        for (var t = 0; t < Steps; t++)
        {
            var p = Point3.FromSpan(path.AsSpan(3 * t, 3));
            var time = (t + 1) * Dt;
            if (t <= 29)
            {
                Assert.Equal(Start, p); // Exactly the start before the movement starts.
            }
            else if (t >= 79)
            {
                Assert.Equal(0.0, p.DistanceTo(Target), PositionTolerance);
            }
            else
            {
                var tau = (time - 0.3) / 0.5;
                var s = (10 * Math.Pow(tau, 3)) - (15 * Math.Pow(tau, 4)) + (6 * Math.Pow(tau, 5));
                Assert.Equal(s * Start.DistanceTo(Target), (p - Start).Dot(direction), PositionTolerance);
            }

            // Perpendicular distance from the start-target line.
            Assert.Equal(0.0, (p - Start).Cross(direction).Length, PositionTolerance);
        }

        Assert.Equal(Target, Point3.FromSpan(path.AsSpan(3 * 79, 3))); // Arrival is the target exactly.
        Assert.Equal(Target, ReachReference.PositionAt(trial, 0.8, Dt));
        Assert.Equal(Start, ReachReference.PositionAt(trial, 0.3, Dt));
    }

    [Fact]
    public void Catch_trials_never_move()
    {
        var trial = new ReachTrial(-1, Start, Target, GoCueStep: -1, MovementStartStep: -1, MovementTime: 0.5, IsCatchTrial: true);
        var path = new double[Steps * 3];
        ReachReference.Fill(trial, Dt, path);
        for (var t = 0; t < Steps; t++)
        {
            Assert.Equal(Start, Point3.FromSpan(path.AsSpan(3 * t, 3)));
        }

        Assert.Equal(Start, ReachReference.PositionAt(trial, 0.9, Dt));
    }

    [Fact]
    public void Fill_rejects_a_destination_that_is_not_a_whole_number_of_points()
    {
        var trial = new ReachTrial(0, Start, Target, 0, 0, 0.5, false);
        Assert.Throws<ArgumentException>(() => ReachReference.Fill(trial, Dt, new double[7]));
    }
}
