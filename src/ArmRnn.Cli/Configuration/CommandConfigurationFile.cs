using System.Text.Json;
using System.Text.Json.Serialization;
using ArmRnn.Options;

namespace ArmRnn.Cli.Configuration;

/// <summary>Reads and prints the JSON configurations of the single-step commands (<c>generate</c>, <c>train-arm</c>,
/// <c>train-controller</c>, <c>evaluate</c>): property names as in the option classes, enums as names, unknown
/// properties refused (a typo is an error, not a silently ignored value).</summary>
internal static class CommandConfigurationFile
{
    /// <summary>The serializer settings of every command configuration.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The configuration in <paramref name="path"/> (<c>--config</c>), or <paramref name="defaults"/> when
    /// no file is given. Values missing from the file keep their defaults.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not valid JSON for the configuration; the message names the
    /// file and the JSON path.</exception>
    public static T ReadOrDefault<T>(string? path, Func<T> defaults)
        where T : class
    {
        if (path is null)
        {
            return defaults();
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--config: no file '{path}'.", path);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"--config {path}: the configuration is 'null'.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"--config {path}: {e.Message}", e);
        }
    }

    /// <summary>The configuration as indented JSON (what <c>--print-config</c> prints and <c>--config</c> reads).</summary>
    public static string ToJson<T>(T configuration) => JsonSerializer.Serialize(configuration, Json);

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="section"/> and
    /// <paramref name="source"/> when <paramref name="options"/> has invalid values.</summary>
    public static void EnsureValid(IValidatableOptions? options, string section, string source)
    {
        if (options is null)
        {
            throw new ArgumentException($"{source}: {section} must be set.");
        }

        var errors = options.GetValidationErrors().ToArray();
        if (errors.Length > 0)
        {
            throw new ArgumentException($"{source}: {section}: {string.Join(" ", errors)}");
        }
    }

    /// <summary>Where the configuration came from, for messages.</summary>
    public static string Source(string? configPath) => configPath is null ? "the options" : $"--config {configPath}";

    /// <summary>Throws a <see cref="FileNotFoundException"/> naming <paramref name="option"/> when
    /// <paramref name="path"/> does not exist; returns it otherwise.</summary>
    public static string RequireFile(string? path, string option, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{option}: give {what}.");
        }

        return File.Exists(path) ? path : throw new FileNotFoundException($"{option}: no file '{path}'.", path);
    }
}
