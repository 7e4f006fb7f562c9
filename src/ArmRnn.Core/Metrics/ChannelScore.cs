namespace ArmRnn.Metrics;

/// <summary>How well one channel was predicted.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="Vaf">Variance accounted for (%), see <see cref="Metrics.Vaf"/>; NaN when the actual channel is constant.</param>
/// <param name="Rmse">Root mean square error, in the channel's unit; NaN when unknown.</param>
public readonly record struct ChannelScore(string Channel, double Vaf, double Rmse);
