namespace GoodwillFlow.Core.Shortlists;

/// <summary>Renders a <see cref="Shortlist"/> as HTML, CSV or JSON.</summary>
public static class ShortlistRenderer
{
    /// <summary>Gets the content type for a format (with charset).</summary>
    public static string ContentType(ShortlistFormat format) => format switch
    {
        ShortlistFormat.Html => "text/html; charset=utf-8",
        ShortlistFormat.Csv => "text/csv; charset=utf-8",
        ShortlistFormat.Json => "application/json; charset=utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Gets the file extension for a format, without the dot.</summary>
    public static string FileExtension(ShortlistFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>Renders the shortlist to bytes in the given format (CSV includes the UTF-8 BOM).</summary>
    public static byte[] Render(Shortlist shortlist, ShortlistFormat format)
    {
        ArgumentNullException.ThrowIfNull(shortlist);
        return format switch
        {
            ShortlistFormat.Html => ShortlistHtml.Render(shortlist),
            ShortlistFormat.Csv => ShortlistCsv.Render(shortlist),
            ShortlistFormat.Json => ShortlistJson.Render(shortlist),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }
}
