using ArmRnn.Tasks;

namespace ArmRnn.Core.Tests.Tasks;

public class MinimumJerkTests
{
    // Closed forms evaluated independently with Math.Pow; agreement to a few ulps of values ≤ 1.875.
    private const double Tolerance = 1e-13;

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(1.0 / 3.0)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    [InlineData(1.0)]
    public void Position_velocity_and_acceleration_match_the_closed_forms(double tau)
    {
        var position = (10 * Math.Pow(tau, 3)) - (15 * Math.Pow(tau, 4)) + (6 * Math.Pow(tau, 5));
        var velocity = (30 * Math.Pow(tau, 2)) - (60 * Math.Pow(tau, 3)) + (30 * Math.Pow(tau, 4));
        var acceleration = (60 * tau) - (180 * Math.Pow(tau, 2)) + (120 * Math.Pow(tau, 3));
        Assert.Equal(position, MinimumJerk.Position(tau), Tolerance);
        Assert.Equal(velocity, MinimumJerk.Velocity(tau), Tolerance);
        Assert.Equal(acceleration, MinimumJerk.Acceleration(tau), Tolerance);
    }

    [Fact]
    public void Velocity_and_acceleration_are_the_derivatives_of_the_position()
    {
        const double h = 1e-5;
        for (var tau = 0.05; tau < 0.96; tau += 0.05)
        {
            var numericVelocity = (MinimumJerk.Position(tau + h) - MinimumJerk.Position(tau - h)) / (2 * h);
            var numericAcceleration = (MinimumJerk.Velocity(tau + h) - MinimumJerk.Velocity(tau - h)) / (2 * h);
            // Central-difference truncation h²/6·|third derivative| ≤ 1e-10·60/6, plus rounding ~1e-16/h = 1e-11.
            Assert.Equal(numericVelocity, MinimumJerk.Velocity(tau), 1e-8);
            Assert.Equal(numericAcceleration, MinimumJerk.Acceleration(tau), 1e-8);
        }
    }

    [Fact]
    public void The_profile_is_symmetric_about_the_midpoint()
    {
        for (var tau = 0.0; tau <= 0.5; tau += 0.03125)
        {
            // s(τ) + s(1 − τ) = 1 and v(τ) = v(1 − τ) exactly in algebra; rounding only.
            Assert.Equal(1.0, MinimumJerk.Position(tau) + MinimumJerk.Position(1 - tau), Tolerance);
            Assert.Equal(MinimumJerk.Velocity(tau), MinimumJerk.Velocity(1 - tau), Tolerance);
            Assert.Equal(-MinimumJerk.Acceleration(tau), MinimumJerk.Acceleration(1 - tau), Tolerance);
        }

        Assert.Equal(0.5, MinimumJerk.Position(0.5), Tolerance);
    }

    [Fact]
    public void Peak_velocity_is_1_875_at_the_midpoint()
    {
        Assert.Equal(1.875, MinimumJerk.Velocity(0.5), Tolerance);
        Assert.Equal(MinimumJerk.PeakVelocity, MinimumJerk.Velocity(0.5));
        var best = 0.0;
        var bestTau = 0.0;
        for (var i = 0; i <= 10_000; i++)
        {
            var tau = i / 10_000.0;
            if (MinimumJerk.Velocity(tau) > best)
            {
                best = MinimumJerk.Velocity(tau);
                bestTau = tau;
            }
        }

        Assert.Equal(0.5, bestTau, 1e-12); // The grid contains 0.5 exactly.
        Assert.Equal(0.0, MinimumJerk.Acceleration(0.5), Tolerance);
        // Peak speed of a movement of duration T is 1.875 / T per unit distance.
        Assert.Equal(1.875 / 0.5, MinimumJerk.PeakSpeedFactor(0.5), Tolerance);
        Assert.Equal(1.875 / 0.8, MinimumJerk.PeakSpeedFactor(0.8), Tolerance);
    }

    [Fact]
    public void Outside_the_movement_the_position_is_held()
    {
        Assert.Equal(0.0, MinimumJerk.Position(-0.5));
        Assert.Equal(1.0, MinimumJerk.Position(1.5));
        Assert.Equal(0.0, MinimumJerk.Velocity(-0.5));
        Assert.Equal(0.0, MinimumJerk.Velocity(1.5));
        Assert.Equal(0.0, MinimumJerk.Acceleration(2.0));
        Assert.True(double.IsNaN(MinimumJerk.Position(double.NaN)));
    }

    [Fact]
    public void Peak_speed_factor_rejects_a_non_positive_duration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MinimumJerk.PeakSpeedFactor(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MinimumJerk.PeakSpeedFactor(double.NaN));
    }
}
