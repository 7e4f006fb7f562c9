namespace ArmRnn.Options;

/// <summary>Options that can list what is wrong with their values.</summary>
public interface IValidatableOptions
{
    /// <summary>One message per invalid value, naming the option, the value and the allowed range; empty when the
    /// options are valid.</summary>
    IEnumerable<string> GetValidationErrors();
}
