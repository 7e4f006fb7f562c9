namespace ArmRnn.Data;

/// <summary>What <see cref="StorageTable"/> interpolation returns for times before the first row or after the last.</summary>
public enum StorageExtrapolation
{
    /// <summary>Hold the value of the first (or last) row: the curve is flat outside the table.</summary>
    Clamp = 0,

    /// <summary>Continue the straight line through the first two (or last two) rows.</summary>
    Linear = 1,

    /// <summary>Throw <see cref="ArgumentOutOfRangeException"/>: the time must lie within the table.</summary>
    Throw = 2,
}
