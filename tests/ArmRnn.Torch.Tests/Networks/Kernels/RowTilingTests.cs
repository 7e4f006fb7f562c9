using ArmRnn.Torch.Networks.Kernels;

namespace ArmRnn.Torch.Tests.Networks.Kernels;

/// <summary><see cref="RowTiling"/>: every row covered once, and padding only where no tiles of 6 and 4 fit.</summary>
public sealed class RowTilingTests
{
    [Fact]
    public void Tiles_cover_each_row_once_and_pad_only_where_six_and_four_row_tiles_cannot_fit()
    {
        for (var rows = 1; rows <= 400; rows++)
        {
            var tiling = RowTiling.Of(rows);
            var next = 0;
            for (var t = 0; t < tiling.Tiles; t++)
            {
                var (first, size, valid) = tiling.Tile(t);
                Assert.Equal(next, first); // consecutive, no gaps or overlaps
                Assert.True(size is RowTiling.SixRows or RowTiling.FourRows, $"{rows} rows: tile {t} of size {size}");
                Assert.True(valid == size || t == tiling.Tiles - 1, $"{rows} rows: partial tile {t} is not the last");
                next = first + valid;
            }

            Assert.Equal(rows, next);
            Assert.Equal(tiling.PaddedRows, tiling.Tile(tiling.Tiles - 1).First + tiling.Tile(tiling.Tiles - 1).Size);

            // 6a + 4b = rows has a solution in non-negative integers exactly for the even counts from 4 up; those must
            // need no padding (the batches of 32 and 128 the benchmarks and training use among them).
            var exact = rows % 2 == 0 && rows >= 4;
            Assert.InRange(tiling.PaddedRows - rows, exact ? 0 : 1, exact ? 0 : 3);
            Assert.InRange(tiling.Fours, 0, 2);
        }
    }
}
