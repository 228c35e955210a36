namespace GoodwillFlow.Core.Shortlists;

/// <summary>The shapes a shortlist can be rendered in.</summary>
public enum ShortlistFormat
{
    /// <summary>A self-contained HTML page, readable on a phone.</summary>
    Html,

    /// <summary>CSV for Excel: UTF-8 with BOM, formula-like cells neutralised.</summary>
    Csv,

    /// <summary>JSON.</summary>
    Json,
}
