using ArmRnn.OpenSim.Engine.PathTables;

namespace ArmRnn.OpenSim.Tests.PathTables;

public class PathTableTests
{
    /// <summary>A smooth "path length" with a known gradient: l = 0.3 + 0.02 sin(x) cos(2y) + 0.01 x y.</summary>
    private sealed class SmoothSampler : IPathSampler
    {
        public double Sample(ReadOnlySpan<double> q, Span<double> gradient)
        {
            var (x, y) = (q[0], q[1]);
            gradient[0] = (0.02 * Math.Cos(x) * Math.Cos(2 * y)) + (0.01 * y);
            gradient[1] = (-0.04 * Math.Sin(x) * Math.Sin(2 * y)) + (0.01 * x);
            return 0.3 + (0.02 * Math.Sin(x) * Math.Cos(2 * y)) + (0.01 * x * y);
        }
    }

    /// <summary>A length whose curvature jumps at x = 0.1 (as when a wrap starts touching): l = 0.3 + 0.05 max(0, x − 0.1)².</summary>
    private sealed class KinkSampler : IPathSampler
    {
        public double Sample(ReadOnlySpan<double> q, Span<double> gradient)
        {
            var d = Math.Max(0, q[0] - 0.1);
            gradient[0] = 0.1 * d;
            return 0.3 + (0.05 * d * d);
        }
    }

    [Fact]
    public void Smooth_paths_interpolate_to_fourth_order_in_length_and_second_in_moment_arm()
    {
        var h = 0.5 * Math.PI / 180;
        var table = new PathTable([new TableAxis(0, -1, h, 460), new TableAxis(1, -1, h, 460)], () => new SmoothSampler(), tolerance: 1e-6);
        var exact = new SmoothSampler();
        var random = new Random(4);
        var g = new double[2];
        var ge = new double[2];
        for (var i = 0; i < 2000; i++)
        {
            double[] q = [(random.NextDouble() * 3.8) - 0.9, (random.NextDouble() * 3.8) - 0.9];
            Assert.True(table.TryEvaluate(q, out var l, g));
            var le = exact.Sample(q, ge);
            // Bicubic Hermite: error ≲ h⁴/384·max|∂⁴l| ≈ 2.4e-10 · 0.32 ≈ 1e-10 m; 1e-9 allows the cross-derivative
            // estimate's O(h²) error. Bilinear moment arms: error ≲ h²/8·max|∂²g| ≈ 9.5e-6·0.16 ≈ 1.5e-6 m/rad.
            Assert.Equal(le, l, 1e-9);
            Assert.Equal(ge[0], g[0], 2e-6);
            Assert.Equal(ge[1], g[1], 2e-6);
        }
    }

    [Fact]
    public void Cells_across_a_kink_are_flagged_and_refined_so_the_error_stays_within_tolerance()
    {
        var h = 0.02;
        var coarse = new PathTable([new TableAxis(0, -1, h, 100)], () => new KinkSampler(), tolerance: 1e-9, refinementLevels: 0);
        var refined = new PathTable([new TableAxis(0, -1, h, 100)], () => new KinkSampler(), tolerance: 1e-9);
        var exact = new KinkSampler();
        var gradient = new double[1];
        var expectedGradient = new double[1];
        // On this grid the kink (x = 0.1 = -1 + 55h) lies on a node, where cubic Hermite patches reproduce the
        // one-sided parabola exactly: nothing is flagged, and the refined table agrees everywhere.
        var flagged = 0;
        for (var x = 0.05; x < 0.15; x += 0.0005)
        {
            if (!coarse.TryEvaluate([x], out _, gradient))
            {
                flagged++;
            }

            if (refined.TryEvaluate([x], out var l, gradient))
            {
                var le = exact.Sample([x], expectedGradient);
                // Within a verified (sub)cell the interpolant meets the tolerance at the cell centre; elsewhere in it
                // the error is of the same order (a few times the tolerance at most).
                Assert.Equal(le, l, 1e-8);
            }
        }

        // Shifting the grid by half a cell puts the kink inside a cell, which verification must flag.
        var shifted = new PathTable([new TableAxis(0, -1.01, h, 100)], () => new KinkSampler(), tolerance: 1e-9, refinementLevels: 0);
        var shiftedFlagged = 0;
        for (var x = 0.05; x < 0.15; x += 0.0005)
        {
            if (!shifted.TryEvaluate([x], out _, gradient))
            {
                shiftedFlagged++;
            }
        }

        Assert.Equal(0, flagged);
        // One cell of width 0.02 holds the kink: 40 of the 200 samples fall in it.
        Assert.InRange(shiftedFlagged, 39, 41);
    }

    /// <summary>A 1-D path whose reported gradient (path speed) is the slope of its length plus a constant 2e-5 m/rad,
    /// as OpenSim's wrapping reports for Arm26's BRA over the TRI cylinder: l = 0.3 + 0.02 sin(x), g = 0.02 cos(x) + 2e-5.</summary>
    private sealed class PathSpeedOffsetSampler : IPathSampler
    {
        public const double Offset = 2e-5;

        public double Sample(ReadOnlySpan<double> q, Span<double> gradient)
        {
            gradient[0] = (0.02 * Math.Cos(q[0])) + Offset;
            return 0.3 + (0.02 * Math.Sin(q[0]));
        }
    }

    [Fact]
    public void One_coordinate_tables_return_the_exact_path_speed_as_moment_arm_even_where_it_is_not_the_length_slope()
    {
        // The engine's 1-D grid: 0.125 degrees.
        var h = 0.125 * Math.PI / 180;
        var table = new PathTable([new TableAxis(0, -1, h, 1600)], () => new PathSpeedOffsetSampler(), tolerance: 1e-6, refinementLevels: 0);
        var exact = new PathSpeedOffsetSampler();
        var random = new Random(7);
        var g = new double[1];
        var ge = new double[1];
        for (var i = 0; i < 2000; i++)
        {
            double[] q = [(random.NextDouble() * 3.2) - 0.9];   // inside the grid, which ends at -1 + 1600h ≈ 2.49
            // Every cell passes verification: the offset is twice the 1e-5 m/rad moment-arm tolerance, so a table that
            // compared the length's slope with the path speed would send them all to exact evaluation.
            Assert.True(table.TryEvaluate(q, out var l, g));
            var le = exact.Sample(q, ge);
            // Cubic Hermite length (error ≲ h⁴/384·max|l''''| ≈ 5e-14 m) from node slopes 2e-5 off the true slope: the
            // offset enters through the slope basis functions, h·2e-5·(t³−2t²+t + t³−t²) = h·2e-5·t(1−t)(1−2t), at
            // most h·2e-5·0.0962 ≈ 4.2e-9 m. Linear moment arms: error ≲ h²/8·max|g''| ≈ 6e-7·0.02 ≈ 1.2e-8 m/rad.
            Assert.Equal(le, l, 5e-9);
            Assert.Equal(ge[0], g[0], 5e-8);
        }
    }

    [Fact]
    public void States_outside_the_grid_are_left_to_exact_evaluation()
    {
        var table = new PathTable([new TableAxis(0, 0, 0.01, 10)], () => new KinkSampler(), tolerance: 1e-6);
        Assert.False(table.TryEvaluate([0.2], out _, new double[1]));
        Assert.False(table.TryEvaluate([-0.01], out _, new double[1]));
        Assert.True(table.TryEvaluate([0.05], out _, new double[1]));
    }
}
