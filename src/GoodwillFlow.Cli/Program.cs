using GoodwillFlow.Cli;

return await GoodwillCli.RunAsync(args, new CliContext(Console.Out, Console.Error, TimeProvider.System));
