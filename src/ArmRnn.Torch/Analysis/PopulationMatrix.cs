using ArmRnn.Data;
using MathNet.Numerics.LinearAlgebra;

namespace ArmRnn.Torch.Analysis;

/// <summary>Conversions between condition × time × unit arrays and sample × unit matrices (MathNet).</summary>
public static class PopulationMatrix
{
    /// <summary>The rows of <paramref name="data"/> <c>[condition, time, unit]</c> as a <c>[condition·time, unit]</c>
    /// matrix, condition-major (row <c>c·T + t</c> is condition c at time t).</summary>
    public static Matrix<double> Flatten(TrajectoryArray data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = data.BatchSize * data.Steps;
        var matrix = Matrix<double>.Build.Dense(rows, data.Channels);
        var values = data.AsSpan();
        for (var r = 0; r < rows; r++)
        {
            for (var u = 0; u < data.Channels; u++)
            {
                matrix[r, u] = values[(r * data.Channels) + u];
            }
        }

        return matrix;
    }

    /// <summary>The inverse of <see cref="Flatten"/>: a <c>[conditions·steps, unit]</c> matrix as a
    /// <c>[condition, time, unit]</c> array.</summary>
    /// <exception cref="ArgumentException">The row count is not <c>conditions·steps</c>.</exception>
    public static TrajectoryArray Unflatten(Matrix<double> matrix, int conditions, int steps)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.RowCount != conditions * steps)
        {
            throw new ArgumentException($"The matrix has {matrix.RowCount} rows but {conditions} conditions × {steps} steps = {conditions * steps} are expected.", nameof(matrix));
        }

        var result = new TrajectoryArray(conditions, steps, matrix.ColumnCount);
        var values = result.AsSpan();
        for (var r = 0; r < matrix.RowCount; r++)
        {
            for (var u = 0; u < matrix.ColumnCount; u++)
            {
                values[(r * matrix.ColumnCount) + u] = matrix[r, u];
            }
        }

        return result;
    }
}
