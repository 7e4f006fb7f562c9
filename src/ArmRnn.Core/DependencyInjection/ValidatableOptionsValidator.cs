using ArmRnn.Options;
using Microsoft.Extensions.Options;

namespace ArmRnn.DependencyInjection;

/// <summary>Validates any <see cref="IValidatableOptions"/> for the options framework.</summary>
/// <typeparam name="TOptions">The options type.</typeparam>
public sealed class ValidatableOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, IValidatableOptions
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.GetValidationErrors().ToArray();
        return errors.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{typeof(TOptions).Name}: {e}"));
    }
}
