using System.Text;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import;

/// <summary>Builds export files the way LinkedIn (or a spreadsheet re-save) writes them, and imports them.</summary>
internal static class Exports
{
    public const string Notes =
        "Notes:\n" +
        "\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connected members who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. To learn more, visit https://www.linkedin.com/help/linkedin/answer/261\"\n" +
        "\n";

    public const string CurrentHeader = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

    public const string NoUrlHeader = "First Name,Last Name,Email Address,Company,Position,Connected On";

    public static string Current(params string[] rows) => Notes + CurrentHeader + "\n" + string.Join("\n", rows) + "\n";

    public static ImportResult Import(string text, LinkedInImportOptions? options = null) =>
        Import(Encoding.UTF8.GetBytes(text), options);

    public static ImportResult Import(byte[] bytes, LinkedInImportOptions? options = null)
    {
        using var stream = new MemoryStream(bytes);
        return LinkedInConnectionsImporter.Import(stream, options);
    }

    public static ImportRejectedException Reject(string text) => Reject(Encoding.UTF8.GetBytes(text));

    public static ImportRejectedException Reject(byte[] bytes, LinkedInImportOptions? options = null) =>
        Assert.Throws<ImportRejectedException>(() => Import(bytes, options));

    public static byte[] WithPreamble(Encoding encoding, string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
}
