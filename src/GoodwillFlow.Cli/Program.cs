using GoodwillFlow.Cli;

return GoodwillCli.Run(args, new CliContext(Console.Out, Console.Error, TimeProvider.System));
