namespace GoodwillFlow.Cli;

/// <summary>The process exit codes of <c>goodwill</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line was wrong (unknown command, missing or invalid option); usage was printed.</summary>
    public const int Usage = 1;

    /// <summary>The input file was missing or refused; the reason was printed on one line.</summary>
    public const int Rejected = 2;

    /// <summary>
    /// <c>goodwill run</c> could not listen: its port on 127.0.0.1 is taken by another program. The message
    /// names the port and the <c>--port</c> option; nothing was left running.
    /// </summary>
    public const int PortInUse = 3;

    /// <summary>Something unexpected failed inside goodwill.</summary>
    public const int InternalError = 70;
}
