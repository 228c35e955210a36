namespace GoodwillFlow.Core.Import;

/// <summary>Names of <see cref="ExportFormat"/> values for machine-readable output and for the owner.</summary>
public static class ExportFormatNames
{
    /// <summary>Gets the stable machine-readable name: <c>current</c>, <c>no-url-2021</c> or <c>legacy-2020</c>.</summary>
    public static string ToName(this ExportFormat format) => format switch
    {
        ExportFormat.Current => "current",
        ExportFormat.NoUrl2021 => "no-url-2021",
        ExportFormat.Legacy2020 => "legacy-2020",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Gets a short description for the owner.</summary>
    public static string Describe(this ExportFormat format) => format switch
    {
        ExportFormat.Current => "current export (since mid-2023, with profile URLs)",
        ExportFormat.NoUrl2021 => "mid-2021 to mid-2023 export (no profile URLs)",
        ExportFormat.Legacy2020 => "2020 or earlier export (no notes, no profile URLs)",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
