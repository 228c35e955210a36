namespace GoodwillFlow.Cli;

/// <summary>What a command may touch outside its arguments, so tests can run commands in-process.</summary>
/// <param name="Output">Standard output: results only (with <c>--json</c>, exactly one JSON document).</param>
/// <param name="Error">Standard error: rejections, usage and notes.</param>
/// <param name="Time">The clock, for "today" and "now".</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error, TimeProvider Time);
