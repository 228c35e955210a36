using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using GoodwillFlow.Core.Text;

namespace GoodwillFlow.Core.Planning;

/// <summary>
/// Matches connections against the owner's <see cref="OwnerTargets"/>: case- and accent-insensitive, on whole words,
/// so "Contoso" matches "Contoso Ltd." and "CONTOSO" but not "Contosoville", and "Zoë" matches "Zoe".
/// Build one per campaign and reuse it: the targets are normalised once, and each distinct company or position is
/// matched once (many people share one), so one instance serves one thread.
/// </summary>
public sealed class TargetMatcher
{
    private const int StackFoldLimit = 256;

    private readonly string[] companies;
    private readonly string[] roles;
    private readonly Dictionary<string, bool> companyMatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> roleMatches = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="TargetMatcher"/> class.</summary>
    /// <param name="targets">The owner's targets; blank entries are ignored.</param>
    public TargetMatcher(OwnerTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        companies = Prepare(targets.Companies);
        roles = Prepare(targets.Roles);
    }

    /// <summary>Returns true when <paramref name="company"/> contains one of the target companies as whole words.</summary>
    public bool MatchesCompany(string? company) => Remembered(companyMatches, company, companies);

    /// <summary>Returns true when <paramref name="position"/> contains one of the target roles as whole words.</summary>
    public bool MatchesRole(string? position) => Remembered(roleMatches, position, roles);

    /// <summary>
    /// Folds text for matching: accents removed, lower case, every run of non-alphanumeric characters turned into one
    /// space, padded with a space on both sides so that a plain substring search finds whole words only.
    /// </summary>
    internal static string Normalize(string text)
    {
        var decomposed = Decompose(text);
        var buffer = new char[MaxFoldedLength(decomposed)];
        return new string(buffer, 0, Fold(decomposed, buffer));
    }

    // Most company names and titles are plain ASCII: they need no decomposition and no Unicode category lookups.
    private static string Decompose(string text) => Ascii.IsValid(text) ? text : UnicodeForms.Normalize(text, NormalizationForm.FormD);

    // Two padding spaces, and at most two characters for each one folded ("æ" becomes "ae").
    private static int MaxFoldedLength(string decomposed) => 2 + (2 * decomposed.Length);

    /// <summary>Writes the folded form of <paramref name="decomposed"/> to <paramref name="destination"/>; returns its length.</summary>
    private static int Fold(string decomposed, Span<char> destination)
    {
        var length = 0;
        destination[length++] = ' ';
        foreach (var c in decomposed)
        {
            if (char.IsAscii(c))
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    destination[length++] = char.ToLowerInvariant(c);
                }
                else if (destination[length - 1] != ' ')
                {
                    destination[length++] = ' ';
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
                var lower = char.ToLowerInvariant(c);
                var replacement = lower switch
                {
                    'ø' => "o",
                    'æ' => "ae",
                    'œ' => "oe",
                    'ß' => "ss",
                    'ł' => "l",
                    'đ' => "d",
                    'ı' => "i",
                    _ => null,
                };
                if (replacement is null)
                {
                    destination[length++] = lower;
                }
                else
                {
                    replacement.CopyTo(destination[length..]);
                    length += replacement.Length;
                }
            }
            else if (destination[length - 1] != ' ')
            {
                destination[length++] = ' ';
            }
        }

        if (destination[length - 1] != ' ')
        {
            destination[length++] = ' ';
        }

        return length;
    }

    private static string[] Prepare(IReadOnlyList<string>? targets) =>
        targets is null
            ? []
            : targets.Where(t => !string.IsNullOrWhiteSpace(t))
                .Select(Normalize)
                .Where(t => t.Trim().Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToArray();

    /// <summary>Whether <paramref name="value"/> matches, matched once per distinct value and then looked up in <paramref name="known"/>.</summary>
    private static bool Remembered(Dictionary<string, bool> known, string? value, string[] targets)
    {
        if (value is null || targets.Length == 0)
        {
            return false;
        }

        ref var matched = ref CollectionsMarshal.GetValueRefOrAddDefault(known, value, out var exists);
        if (!exists)
        {
            matched = Matches(value, targets);
        }

        return matched;
    }

    private static bool Matches(string? value, string[] targets)
    {
        if (targets.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        // Called for every connection of a campaign: fold into a stack buffer rather than a new string each time.
        var decomposed = Decompose(value);
        var maxLength = MaxFoldedLength(decomposed);
        char[]? rented = null;
        var buffer = maxLength <= StackFoldLimit ? stackalloc char[StackFoldLimit] : (rented = ArrayPool<char>.Shared.Rent(maxLength));
        try
        {
            var folded = buffer[..Fold(decomposed, buffer)];
            foreach (var target in targets)
            {
                if (folded.IndexOf(target, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
