namespace GoodwillFlow.Cli.Tests.Help;

public class CommandHelpTests
{
    private static readonly string[] Commands = ["import", "plan", "run", "upload", "status", "shortlist", "demo", "pause", "resume", "stop"];

    [Fact]
    public async Task Help_lists_every_command()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.All(Commands, name => Assert.Matches($@"(?m)^\s+{name}\s", run.Output));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("plan")]
    [InlineData("run")]
    [InlineData("upload")]
    [InlineData("status")]
    [InlineData("shortlist")]
    [InlineData("demo")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("stop")]
    public async Task Each_command_shows_its_own_help_when_named_first(string name)
    {
        var run = await CliRun.RunAsync(name, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($@"Usage:\s+\S+ {name}( |$)", run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task A_mistyped_command_is_refused_with_the_command_it_resembles()
    {
        var run = await CliRun.RunAsync("imprt", "Connections.csv");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("import", run.Error, StringComparison.Ordinal);
    }
}
