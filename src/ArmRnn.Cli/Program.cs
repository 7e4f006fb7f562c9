using ArmRnn.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
