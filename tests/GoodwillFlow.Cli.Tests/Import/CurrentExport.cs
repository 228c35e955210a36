namespace GoodwillFlow.Cli.Tests.Import;

/// <summary>The start of a Connections.csv as LinkedIn writes it today: the notes, a blank line and the header.</summary>
internal static class CurrentExport
{
    public const string Start =
        "Notes:\n" +
        "\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n" +
        "\n" +
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
}
