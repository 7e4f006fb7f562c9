namespace ArmRnn.OpenSim.Engine.PathTables;

/// <summary>
/// A muscle path's length as a smooth function of the one or two coordinates it depends on, tabulated on a uniform
/// grid and interpolated by cubic (1-D) or bicubic (2-D) Hermite patches from exact values and derivatives at the
/// nodes. The moment arms are the exact nodes' gradients (OpenSim's path speeds) interpolated linearly (1-D) or
/// bilinearly (2-D), so they are continuous and match the exact engine's, which over wrap surfaces differ slightly
/// from the slope of the length.
/// </summary>
/// <remarks>
/// The grid is filled lazily, one tile of cells at a time, the first time a state falls in it, from exact path
/// evaluations (wrapping included). Tiles are published with an atomic compare-exchange, so the table is thread-safe
/// and the values never depend on which thread built them (every node is computed from scratch). Outside the grid the
/// caller evaluates the path exactly.
/// </remarks>
internal sealed class PathTable
{
    private const int TileCells = 16;
    private const int RefinementFactor = 8;
    private readonly TableAxis[] _axes;
    private readonly Func<IPathSampler> _samplerFactory;
    private readonly double[]?[] _tiles;
    private readonly int[] _tilesPerAxis;
    private readonly double _tolerance;
    private readonly int _refinementLevels;
    private readonly PathTable?[]?[] _refinements;

    /// <summary>Creates an empty table.</summary>
    /// <param name="axes">One or two axes.</param>
    /// <param name="samplerFactory">Makes an exact sampler (called once per tile build, on the building thread).</param>
    /// <param name="tolerance">Cells whose interpolated length misses the exact one by more than this (m) at their
    /// centre, or whose moment arm misses by more than ten times it (m/rad), are evaluated exactly.</param>
    /// <param name="refinementLevels">How many times a cell that fails verification may be replaced by its own table,
    /// eight times finer: kinks where a wrap engages then pass verification at a finer level (the error falls with the
    /// square of the spacing), and only true discontinuities are left to exact evaluation.</param>
    public PathTable(IReadOnlyList<TableAxis> axes, Func<IPathSampler> samplerFactory, double tolerance, int refinementLevels = 1)
    {
        _tolerance = tolerance;
        _refinementLevels = refinementLevels;
        if (axes.Count is < 1 or > 2)
        {
            throw new ArgumentException("Path tables span one or two coordinates.", nameof(axes));
        }

        _axes = [.. axes];
        _samplerFactory = samplerFactory;
        _tilesPerAxis = [.. _axes.Select(a => (a.Cells + TileCells - 1) / TileCells)];
        _tiles = new double[]?[_tilesPerAxis.Aggregate(1, (p, c) => p * c)];
        _refinements = new PathTable?[]?[_tiles.Length];
    }

    /// <summary>The axes.</summary>
    public IReadOnlyList<TableAxis> Axes => _axes;

    /// <summary>Tiles built so far.</summary>
    public int BuiltTiles => _tiles.Count(t => t is not null);

    /// <summary>
    /// Interpolates the length at model coordinates <paramref name="q"/> and adds ∂l/∂q into
    /// <paramref name="gradient"/> (indexed by model coordinate). Returns false (and touches nothing) outside the grid.
    /// </summary>
    public bool TryEvaluate(ReadOnlySpan<double> q, out double length, Span<double> gradient)
    {
        if (_axes.Length == 1)
        {
            var axis = _axes[0];
            if (!axis.Locate(q[axis.Coordinate], out var cell, out var t))
            {
                length = 0;
                return false;
            }

            var tile = Tile(cell / TileCells, 0);
            var local = cell % TileCells;
            if (tile[(2 * (TileCells + 1)) + local] != 0)
            {
                // A cell where the path is not smooth enough to interpolate (a wrap starts touching in it).
                return TryRefined(cell / TileCells, 0, local, cell, 0, q, out length, gradient);
            }

            // Node layout: [f, f'] per node.
            length = Interpolate1D(tile, local, t, axis.Spacing, out var momentArm);
            gradient[axis.Coordinate] = momentArm;
            return true;
        }

        var ax = _axes[0];
        var ay = _axes[1];
        if (!ax.Locate(q[ax.Coordinate], out var cx, out var tx) || !ay.Locate(q[ay.Coordinate], out var cy, out var ty))
        {
            length = 0;
            return false;
        }

        var data = Tile(cx / TileCells, cy / TileCells);
        var ix = cx % TileCells;
        var iy = cy % TileCells;
        if (data[(4 * (TileCells + 1) * (TileCells + 1)) + (iy * TileCells) + ix] != 0)
        {
            return TryRefined(cx / TileCells, cy / TileCells, (iy * TileCells) + ix, cx, cy, q, out length, gradient);
        }

        length = Bicubic(data, ix, iy, tx, ty, ax.Spacing, ay.Spacing, out var dx, out var dy);
        gradient[ax.Coordinate] = dx;
        gradient[ay.Coordinate] = dy;
        return true;
    }

    private bool TryRefined(int tx, int ty, int cell, int cellX, int cellY, ReadOnlySpan<double> q, out double length, Span<double> gradient)
    {
        length = 0;
        if (_refinementLevels == 0)
        {
            return false;
        }

        var index = (ty * _tilesPerAxis[0]) + tx;
        var cells = Volatile.Read(ref _refinements[index]);
        if (cells is null)
        {
            var created = new PathTable?[_axes.Length == 1 ? TileCells : TileCells * TileCells];
            cells = Interlocked.CompareExchange(ref _refinements[index], created, null) ?? created;
        }

        var table = Volatile.Read(ref cells[cell]);
        if (table is null)
        {
            // The cell, sampled eight times more finely (built once, on first use).
            var cellAxes = new TableAxis[_axes.Length];
            for (var a = 0; a < _axes.Length; a++)
            {
                var axis = _axes[a];
                var first = a == 0 ? cellX : cellY;
                cellAxes[a] = new TableAxis(axis.Coordinate, axis.Start + (first * axis.Spacing), axis.Spacing / RefinementFactor, RefinementFactor);
            }

            var created = new PathTable(cellAxes, _samplerFactory, _tolerance, _refinementLevels - 1);
            table = Interlocked.CompareExchange(ref cells[cell], created, null) ?? created;
        }

        return table.TryEvaluate(q, out length, gradient);
    }

    private double[] Tile(int tx, int ty)
    {
        var index = (ty * _tilesPerAxis[0]) + tx;
        var tile = Volatile.Read(ref _tiles[index]);
        if (tile is not null)
        {
            return tile;
        }

        var built = Build(tx, ty);
        return Interlocked.CompareExchange(ref _tiles[index], built, null) ?? built;
    }

    private double[] Build(int tx, int ty)
    {
        var sampler = _samplerFactory();
        var nodes = TileCells + 1;
        if (_axes.Length == 1)
        {
            var axis = _axes[0];
            // Node values [f, f'] then one flag per cell (1: evaluate exactly there).
            var values = new double[(2 * nodes) + TileCells];
            Span<double> at = stackalloc double[1];
            Span<double> gradient = stackalloc double[1];
            for (var i = 0; i < nodes; i++)
            {
                at[0] = axis.Start + (((tx * TileCells) + i) * axis.Spacing);
                values[2 * i] = sampler.Sample(at, gradient);
                values[(2 * i) + 1] = gradient[0];
            }

            for (var cell = 0; cell < TileCells; cell++)
            {
                at[0] = axis.Start + (((tx * TileCells) + cell + 0.5) * axis.Spacing);
                var exact = sampler.Sample(at, gradient);
                var interpolated = Interpolate1D(values, cell, 0.5, axis.Spacing, out var momentArm);
                values[(2 * nodes) + cell] = IsSmooth(exact - interpolated, gradient[0] - momentArm, 0) ? 0 : 1;
            }

            return values;
        }

        var (ax, ay) = (_axes[0], _axes[1]);
        // Exact samples on the tile's nodes plus a one-node border, so that the cross derivative ∂²l/∂x∂y at each
        // node comes from central differences of the exact ∂l/∂x of its neighbours (second-order accurate, which
        // keeps the patch error fourth order) without extra path evaluations.
        var border = nodes + 2;
        var samples = new double[3 * border * border];
        Span<double> point = stackalloc double[2];
        Span<double> g = stackalloc double[2];
        for (var j = 0; j < border; j++)
        {
            for (var i = 0; i < border; i++)
            {
                point[0] = ax.Start + (((tx * TileCells) + i - 1) * ax.Spacing);
                point[1] = ay.Start + (((ty * TileCells) + j - 1) * ay.Spacing);
                var offset = 3 * ((j * border) + i);
                samples[offset] = sampler.Sample(point, g);
                samples[offset + 1] = g[0];
                samples[offset + 2] = g[1];
            }
        }

        var data = new double[(4 * nodes * nodes) + (TileCells * TileCells)];
        for (var j = 0; j < nodes; j++)
        {
            for (var i = 0; i < nodes; i++)
            {
                var source = 3 * (((j + 1) * border) + i + 1);
                var above = 3 * (((j + 2) * border) + i + 1);
                var below = 3 * ((j * border) + i + 1);
                var offset = 4 * ((j * nodes) + i);
                data[offset] = samples[source];
                data[offset + 1] = samples[source + 1];
                data[offset + 2] = samples[source + 2];
                data[offset + 3] = (samples[above + 1] - samples[below + 1]) / (2 * ay.Spacing);
            }
        }

        // Verify every cell at its centre against an exact evaluation; cells that fail (non-smooth paths: a wrap
        // engaging, OpenSim's wrapping discontinuities) are evaluated exactly.
        for (var cy = 0; cy < TileCells; cy++)
        {
            for (var cx = 0; cx < TileCells; cx++)
            {
                point[0] = ax.Start + (((tx * TileCells) + cx + 0.5) * ax.Spacing);
                point[1] = ay.Start + (((ty * TileCells) + cy + 0.5) * ay.Spacing);
                var exact = sampler.Sample(point, g);
                var interpolated = Bicubic(data, cx, cy, 0.5, 0.5, ax.Spacing, ay.Spacing, out var gx, out var gy);
                data[(4 * nodes * nodes) + (cy * TileCells) + cx] = IsSmooth(exact - interpolated, g[0] - gx, g[1] - gy) ? 0 : 1;
            }
        }

        return data;
    }

    /// <summary>Whether an interpolated cell is within the table's tolerance at its centre: <see cref="_tolerance"/>
    /// in length (m) and ten times that in moment arm (m/rad).</summary>
    private bool IsSmooth(double lengthError, double gradientErrorX, double gradientErrorY) =>
        Math.Abs(lengthError) <= _tolerance && Math.Abs(gradientErrorX) <= 10 * _tolerance && Math.Abs(gradientErrorY) <= 10 * _tolerance;

    /// <summary>The length in 1-D cell <paramref name="cell"/> of <paramref name="values"/> at fraction
    /// <paramref name="t"/>, by cubic Hermite from the nodes' lengths and gradients; the moment arm (∂l/∂q, m/rad)
    /// linearly between the nodes' exact gradients, as <see cref="Bicubic"/> does in 2-D and for the same reason: the
    /// exact gradient is OpenSim's path speed, which over a wrap surface differs from the slope of the length by up to
    /// about 2e-5 m/rad (Arm26's BRA over the TRI cylinder), and it is that speed the engine must reproduce.</summary>
    private static double Interpolate1D(double[] values, int cell, double t, double spacing, out double momentArm)
    {
        var f0 = values[2 * cell];
        var g0 = values[(2 * cell) + 1];
        var f1 = values[(2 * cell) + 2];
        var g1 = values[(2 * cell) + 3];
        var t2 = t * t;
        var t3 = t2 * t;
        var h00 = (2 * t3) - (3 * t2) + 1;
        var h10 = t3 - (2 * t2) + t;
        var h01 = (-2 * t3) + (3 * t2);
        var h11 = t3 - t2;
        momentArm = ((1 - t) * g0) + (t * g1);
        return (h00 * f0) + (h10 * g0 * spacing) + (h01 * f1) + (h11 * g1 * spacing);
    }

    private static double Bicubic(double[] data, int ix, int iy, double tx, double ty, double hx, double hy, out double dx, out double dy)
    {
        // Tensor-product cubic Hermite on the cell: value weights v0, v1 and derivative weights w0, w1 at the
        // left/bottom (0) and right/top (1) nodes, per axis (locals rather than spans: this runs in every evaluation).
        var (vx0, wx0, vx1, wx1) = Basis(tx);
        var (vy0, wy0, vy1, wy1) = Basis(ty);
        const int nodes = TileCells + 1;
        var o00 = 4 * ((iy * nodes) + ix);
        var o10 = o00 + 4;
        var o01 = o00 + (4 * nodes);
        var o11 = o01 + 4;
        var length = Corner(data, o00, vx0, wx0, vy0, wy0, hx, hy)
            + Corner(data, o10, vx1, wx1, vy0, wy0, hx, hy)
            + Corner(data, o01, vx0, wx0, vy1, wy1, hx, hy)
            + Corner(data, o11, vx1, wx1, vy1, wy1, hx, hy);

        // The moment arms are interpolated bilinearly from the exact node gradients rather than taken as the slope
        // of the length patch: OpenSim's ellipsoid wrapping is not an exact geodesic, so its path speed (which maps
        // tendon force to joint torque) differs from dl/dq by up to ~1e-3 m/rad, and it is that speed we must match.
        var w00 = (1 - tx) * (1 - ty);
        var w10 = tx * (1 - ty);
        var w01 = (1 - tx) * ty;
        var w11 = tx * ty;
        dx = (w00 * data[o00 + 1]) + (w10 * data[o10 + 1]) + (w01 * data[o01 + 1]) + (w11 * data[o11 + 1]);
        dy = (w00 * data[o00 + 2]) + (w10 * data[o10 + 2]) + (w01 * data[o01 + 2]) + (w11 * data[o11 + 2]);
        return length;
    }

    /// <summary>The cubic Hermite weights at fraction <paramref name="t"/>: of the value and the derivative at 0, then
    /// of the value and the derivative at 1.</summary>
    private static (double Value0, double Slope0, double Value1, double Slope1) Basis(double t)
    {
        var t2 = t * t;
        var t3 = t2 * t;
        return ((2 * t3) - (3 * t2) + 1, t3 - (2 * t2) + t, (-2 * t3) + (3 * t2), t3 - t2);
    }

    /// <summary>One node's contribution to a bicubic patch: its value, x and y slopes and cross derivative, weighted.</summary>
    private static double Corner(double[] data, int o, double vx, double wx, double vy, double wy, double hx, double hy) =>
        (data[o] * vx * vy) + (data[o + 1] * hx * wx * vy) + (data[o + 2] * hy * vx * wy) + (data[o + 3] * hx * hy * wx * wy);
}
