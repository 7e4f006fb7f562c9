using ArmRnn.Torch.Networks;

namespace ArmRnn.Torch.Sweeps;

/// <summary>One point of a <see cref="SweepGrid"/>.</summary>
/// <param name="Index">Its index in the grid.</param>
/// <param name="BatchSize">Minibatch size.</param>
/// <param name="LearningRate">Learning rate.</param>
/// <param name="HiddenSize">Hidden units.</param>
/// <param name="Cell">GRU or LSTM.</param>
/// <param name="Layers">Recurrent layers.</param>
/// <param name="WeightDecay">L2 weight decay.</param>
/// <param name="GradientClipNorm">Gradient-norm clipping (0: none).</param>
public sealed record SweepPoint(int Index, int BatchSize, double LearningRate, int HiddenSize, RecurrentCellKind Cell, int Layers, double WeightDecay, double GradientClipNorm);
