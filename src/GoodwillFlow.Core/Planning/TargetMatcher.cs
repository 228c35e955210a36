using System.Globalization;
using System.Text;

namespace GoodwillFlow.Core.Planning;

/// <summary>
/// Matches connections against the owner's <see cref="OwnerTargets"/>: case- and accent-insensitive, on whole words,
/// so "Contoso" matches "Contoso Ltd." and "CONTOSO" but not "Contosoville", and "Zoë" matches "Zoe".
/// Build one per campaign and reuse it: the targets are normalised once.
/// </summary>
public sealed class TargetMatcher
{
    private readonly string[] companies;
    private readonly string[] roles;

    /// <summary>Initializes a new instance of the <see cref="TargetMatcher"/> class.</summary>
    /// <param name="targets">The owner's targets; blank entries are ignored.</param>
    public TargetMatcher(OwnerTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        companies = Prepare(targets.Companies);
        roles = Prepare(targets.Roles);
    }

    /// <summary>Returns true when <paramref name="company"/> contains one of the target companies as whole words.</summary>
    public bool MatchesCompany(string? company) => Matches(company, companies);

    /// <summary>Returns true when <paramref name="position"/> contains one of the target roles as whole words.</summary>
    public bool MatchesRole(string? position) => Matches(position, roles);

    /// <summary>
    /// Folds text for matching: accents removed, lower case, every run of non-alphanumeric characters turned into one
    /// space, padded with a space on both sides so that a plain substring search finds whole words only.
    /// </summary>
    internal static string Normalize(string text)
    {
        // Most company names and titles are plain ASCII: they need no decomposition and no Unicode category lookups.
        var decomposed = Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length + 2);
        builder.Append(' ');
        foreach (var c in decomposed)
        {
            if (char.IsAscii(c))
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
                else if (builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                // Letters that carry their "accent" in the letter itself do not decompose under FormD.
                builder.Append(char.ToLowerInvariant(c) switch
                {
                    'ø' => "o",
                    'æ' => "ae",
                    'œ' => "oe",
                    'ß' => "ss",
                    'ł' => "l",
                    'đ' => "d",
                    'ı' => "i",
                    var lower => lower.ToString(),
                });
            }
            else if (builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        if (builder[^1] != ' ')
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }

    private static string[] Prepare(IReadOnlyList<string>? targets) =>
        targets is null
            ? []
            : targets.Where(t => !string.IsNullOrWhiteSpace(t))
                .Select(Normalize)
                .Where(t => t.Trim().Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToArray();

    private static bool Matches(string? value, string[] targets)
    {
        if (targets.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var normalized = Normalize(value);
        foreach (var target in targets)
        {
            if (normalized.Contains(target, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
