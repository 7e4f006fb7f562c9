using ArmRnn.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArmRnn.Cli;

/// <summary>Builds and runs the <c>armrnn</c> command line.</summary>
internal static class CliApplication
{
    /// <summary>Runs the command line; Ctrl+C cancels the running command cleanly.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var app = Create(console);
            return await app.RunAsync(args, cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The configured application (also used by tests).</summary>
    public static CommandApp Create(IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("armrnn");
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }

            config.SetExceptionHandler((exception, _) => UserErrors.Report(exception, console ?? AnsiConsole.Console));
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Run a closed loop of centre-out reaches on the built-in point-mass plant and write the trajectories to HDF5.");
            config.AddCommand<SimulateCommand>("simulate")
                .WithDescription("Forward-simulate an OpenSim model (built-in arm26 or an .osim file) from a controls file on the managed engine; write OpenSim .sto.");
            config.AddCommand<CompareCommand>("compare")
                .WithDescription("Compare a simulated .sto with a reference .sto per channel (RMSE, max error, VAF); optional markdown and overlay plots.");
            config.AddCommand<AnalyzeCommand>("analyze").WithDescription("Open up a trained ControllerNet with its ArmNet on the centre-out task: recording, PCA, jPCA, tangling, closed-loop fixed points per target; writes report.md, report.json, recording.h5 and plots.");
            config.AddCommand<SweepCommand>("sweep")
                .WithDescription("Train ArmNet over a hyperparameter grid on a fixed dataset (resumable per point; --point i for cluster arrays); table and plots of validation VAF per axis.");
            config.AddCommand<PipelineCommand>("pipeline")
                .WithDescription("Run the generation pipeline (data, ArmNet, ControllerNet, new data, ...) on the plant; resumable; writes report.md and report.json. --quick: the 2-core preset.");
            config.AddCommand<GenerateCommand>("generate")
                .WithDescription("Simulate a dataset on the plant (random excitations, or a ControllerNet reaching with --controller) and write it to HDF5; resumable.");
            config.AddCommand<TrainArmCommand>("train-arm")
                .WithDescription("Train ArmNet on one or more datasets; resumable after Ctrl+C; prints the validation VAF.");
            config.AddCommand<TrainControllerCommand>("train-controller")
                .WithDescription("Train ControllerNet through a frozen ArmNet on the centre-out task; resumable after Ctrl+C.");
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("Score ArmNet on test data (VAF per channel) and, with --controller, ControllerNet's centre-out reaches on the real plant and on ArmNet; --json for scripts.");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Rewrite report.md, report.json and the plots of a pipeline run folder.");
        });
        return app;
    }
}
