namespace ArmRnn.Metrics;

/// <summary>How closely one channel of a simulation follows a reference recording.</summary>
/// <param name="Channel">Channel (column) name.</param>
/// <param name="Rmse">Root-mean-square error, in the channel's unit.</param>
/// <param name="MaxAbsError">Largest absolute error, in the channel's unit.</param>
/// <param name="Vaf">Variance accounted for (%), NaN when the reference is constant.</param>
/// <param name="ReferenceRange">Max − min of the reference (for judging the errors).</param>
public sealed record ChannelAgreement(string Channel, double Rmse, double MaxAbsError, double Vaf, double ReferenceRange);
