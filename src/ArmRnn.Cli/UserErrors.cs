using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli;

/// <summary>Turns exceptions into one clear line and an exit code; stack traces only for real bugs.</summary>
internal static class UserErrors
{
    /// <summary>Exit code for a user mistake (bad option, bad file).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a cancelled run.</summary>
    public const int Cancelled = 130;

    /// <summary>Exit code for an unexpected failure.</summary>
    public const int Failure = 1;

    /// <summary>Writes the error and returns the exit code.</summary>
    public static int Report(Exception exception, IAnsiConsole console)
    {
        switch (exception)
        {
            case OperationCanceledException:
                console.MarkupLine("[yellow]Cancelled.[/] Run the same command again to continue where it stopped.");
                return Cancelled;
            case CommandParseException or CommandRuntimeException or ArgumentException or FileNotFoundException
                or DirectoryNotFoundException or InvalidDataException or IOException or InvalidOperationException
                or KeyNotFoundException or UnauthorizedAccessException or Torch.Pipeline.RunConfigurationMismatchException:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return UsageError;
            default:
                console.MarkupLineInterpolated($"[red]unexpected error:[/] {exception.GetType().Name}: {exception.Message}");
                console.WriteException(exception, ExceptionFormats.ShortenEverything);
                return Failure;
        }
    }
}
