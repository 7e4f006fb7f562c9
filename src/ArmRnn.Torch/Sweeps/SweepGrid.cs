using ArmRnn.Options;
using ArmRnn.Torch.Networks;

namespace ArmRnn.Torch.Sweeps;

/// <summary>The axes of an ArmNet hyperparameter sweep; the grid is their Cartesian product.</summary>
public sealed class SweepGrid : IValidatableOptions
{
    /// <summary>Minibatch sizes.</summary>
    public IReadOnlyList<int> BatchSizes { get; set; } = [8, 16, 32, 64, 128, 256];

    /// <summary>Learning rates.</summary>
    public IReadOnlyList<double> LearningRates { get; set; } = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1];

    /// <summary>Hidden units.</summary>
    public IReadOnlyList<int> HiddenSizes { get; set; } = [512, 1024, 2048];

    /// <summary>Recurrent cells.</summary>
    public IReadOnlyList<RecurrentCellKind> Cells { get; set; } = [RecurrentCellKind.Gru, RecurrentCellKind.Lstm];

    /// <summary>Recurrent layers (the poster's future work).</summary>
    public IReadOnlyList<int> Layers { get; set; } = [1];

    /// <summary>L2 weight decay values (the poster's future work).</summary>
    public IReadOnlyList<double> WeightDecays { get; set; } = [1e-4];

    /// <summary>Gradient-norm clipping values (the poster's future work; 0 for none).</summary>
    public IReadOnlyList<double> GradientClipNorms { get; set; } = [10];

    /// <summary>The poster's grid: batch 8 to 256 in powers of 2, learning rate 1e-5 to 0.1 (one per decade),
    /// hidden 512 to 2048 in powers of 2, GRU and LSTM, one layer, L2 1e-4, clipping at 10 (180 points).</summary>
    public static SweepGrid Poster() => new();

    /// <summary>A grid sized for a 2-core CPU: batch 16 and 64, learning rate 3e-3 and 1e-2, hidden 32 and 64, GRU
    /// and LSTM (16 points).</summary>
    public static SweepGrid Quick() => new()
    {
        BatchSizes = [16, 64],
        LearningRates = [3e-3, 1e-2],
        HiddenSizes = [32, 64],
        WeightDecays = [0],
        GradientClipNorms = [1],
    };

    /// <summary>The number of grid points.</summary>
    public int Count => BatchSizes.Count * LearningRates.Count * HiddenSizes.Count * Cells.Count * Layers.Count * WeightDecays.Count * GradientClipNorms.Count;

    /// <summary>Grid point <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>), in a fixed order: the last
    /// axis (clipping) varies fastest, the batch size slowest.</summary>
    public SweepPoint this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var rest = index;
            T Take<T>(IReadOnlyList<T> axis)
            {
                var value = axis[rest % axis.Count];
                rest /= axis.Count;
                return value;
            }

            var clip = Take(GradientClipNorms);
            var decay = Take(WeightDecays);
            var layers = Take(Layers);
            var cell = Take(Cells);
            var hidden = Take(HiddenSizes);
            var rate = Take(LearningRates);
            var batch = Take(BatchSizes);
            return new SweepPoint(index, batch, rate, hidden, cell, layers, decay, clip);
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> GetValidationErrors() => OptionChecks.Collect(
        Axis(nameof(BatchSizes), BatchSizes, v => v >= 1),
        Axis(nameof(LearningRates), LearningRates, v => v > 0 && double.IsFinite(v)),
        Axis(nameof(HiddenSizes), HiddenSizes, v => v >= 1),
        Axis(nameof(Cells), Cells, Enum.IsDefined),
        Axis(nameof(Layers), Layers, v => v >= 1),
        Axis(nameof(WeightDecays), WeightDecays, v => v >= 0 && double.IsFinite(v)),
        Axis(nameof(GradientClipNorms), GradientClipNorms, v => v >= 0 && double.IsFinite(v)));

    private static string? Axis<T>(string name, IReadOnlyList<T>? values, Func<T, bool> valid) =>
        values is null || values.Count == 0 ? $"{name} must have at least one value."
        : values.All(valid) ? null
        : $"{name} has an invalid value: [{string.Join(", ", values)}].";
}
