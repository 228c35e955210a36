namespace GoodwillFlow.Core.Import;

/// <summary>The variants of LinkedIn's Connections.csv that the importer recognises.</summary>
public enum ExportFormat
{
    /// <summary>Since mid-2023: preamble, then First Name, Last Name, URL, Email Address, Company, Position, Connected On.</summary>
    Current,

    /// <summary>Mid-2021 to mid-2023: preamble, no URL column.</summary>
    NoUrl2021,

    /// <summary>2020 and earlier: no preamble, no URL column.</summary>
    Legacy2020,
}
