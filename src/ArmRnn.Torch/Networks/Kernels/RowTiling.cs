namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// How <see cref="MatrixProduct"/> splits a block of rows into register tiles: tiles of six rows, then at most two
/// tiles of four, so that every even row count from four up fills its tiles exactly (a remainder of two is taken as
/// one six-row tile fewer and two four-row tiles: 32 = 4·6 + 2·4, 128 = 20·6 + 2·4). Only the last tile can be partial
/// (odd row counts, two rows); it is computed on zero-padded rows.
/// </summary>
internal readonly struct RowTiling
{
    /// <summary>Rows of the larger tile.</summary>
    public const int SixRows = 6;

    /// <summary>Rows of the smaller tile.</summary>
    public const int FourRows = 4;

    private RowTiling(int rows, int sixes, int fours)
    {
        Rows = rows;
        Sixes = sixes;
        Fours = fours;
    }

    /// <summary>The rows to cover.</summary>
    public int Rows { get; }

    /// <summary>Six-row tiles (first).</summary>
    public int Sixes { get; }

    /// <summary>Four-row tiles (after the six-row ones).</summary>
    public int Fours { get; }

    /// <summary>All tiles.</summary>
    public int Tiles => Sixes + Fours;

    /// <summary>Rows the tiles span, padding included (at most three more than <see cref="Rows"/>).</summary>
    public int PaddedRows => (SixRows * Sixes) + (FourRows * Fours);

    /// <summary>The tiling of <paramref name="rows"/> rows (at least one).</summary>
    public static RowTiling Of(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var sixes = rows / SixRows;
        return (rows % SixRows) switch
        {
            0 => new RowTiling(rows, sixes, 0),
            5 => new RowTiling(rows, sixes + 1, 0),
            2 when sixes > 0 => new RowTiling(rows, sixes - 1, 2),
            _ => new RowTiling(rows, sixes, 1),
        };
    }

    /// <summary>Tile <paramref name="tile"/>: its first row, its size (6 or 4) and how many of its rows are real.</summary>
    public (int First, int Size, int Valid) Tile(int tile)
    {
        var (first, size) = tile < Sixes ? (SixRows * tile, SixRows) : ((SixRows * Sixes) + (FourRows * (tile - Sixes)), FourRows);
        return (first, size, Math.Min(size, Rows - first));
    }
}
