namespace ArmRnn.Options;

/// <summary>Helpers for <see cref="IValidatableOptions"/>.</summary>
public static class OptionsValidationExtensions
{
    /// <summary>Throws when <paramref name="options"/> has invalid values.</summary>
    /// <exception cref="ArgumentException">The message lists every invalid value.</exception>
    public static T EnsureValid<T>(this T options)
        where T : IValidatableOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.GetValidationErrors().ToArray();
        if (errors.Length > 0)
        {
            throw new ArgumentException($"Invalid {typeof(T).Name}: {string.Join(" ", errors)}");
        }

        return options;
    }
}
