namespace ArmRnn.Torch.Pipeline;

/// <summary>A run folder holds a run made with a different configuration; rerun with <c>force</c> to discard it, or
/// use another folder.</summary>
public sealed class RunConfigurationMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="configPath">The run's <c>config.json</c>.</param>
    /// <param name="differences">The JSON paths that differ, with both values.</param>
    public RunConfigurationMismatchException(string configPath, IReadOnlyList<string> differences)
        : base($"{configPath} was written with a different configuration ({string.Join("; ", differences.Take(5))}{(differences.Count > 5 ? $"; and {differences.Count - 5} more" : string.Empty)}). Use another run folder, or force to discard the existing run.")
    {
        ConfigPath = configPath;
        Differences = differences;
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunConfigurationMismatchException()
        : this(string.Empty, [])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunConfigurationMismatchException(string message)
        : base(message)
    {
        ConfigPath = string.Empty;
        Differences = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RunConfigurationMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        ConfigPath = string.Empty;
        Differences = [];
    }

    /// <summary>The run's <c>config.json</c>.</summary>
    public string ConfigPath { get; }

    /// <summary>The JSON paths that differ, each with the stored and the requested value.</summary>
    public IReadOnlyList<string> Differences { get; }
}
