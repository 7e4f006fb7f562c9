namespace ArmRnn.Excitation;

/// <summary>What a plant does with excitations outside [0, 1].</summary>
public enum ExcitationRangePolicy
{
    /// <summary>Throw <see cref="ExcitationOutOfRangeException"/> (the default: a bad controller is a bug).</summary>
    Reject = 0,

    /// <summary>Clamp finite values into [0, 1]; non-finite values are still rejected.</summary>
    Clamp = 1,
}
