using KcmCompose.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
