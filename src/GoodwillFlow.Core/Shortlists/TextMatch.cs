using System.Globalization;
using System.Text;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>Case- and accent-insensitive whole-word phrase matching, for target companies and roles.</summary>
internal static class TextMatch
{
    /// <summary>Returns the first phrase that appears, as whole words, in <paramref name="text"/>; null if none.</summary>
    public static string? FirstPhraseIn(string? text, IEnumerable<string> phrases)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = Words(text);
        foreach (var phrase in phrases)
        {
            var wanted = Words(phrase);
            if (wanted.Length > 0 && ContainsSequence(words, wanted))
            {
                return phrase;
            }
        }

        return null;
    }

    /// <summary>Splits into lowercase words with accents removed ("Société Générale" → ["societe", "generale"]).</summary>
    internal static string[] Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool ContainsSequence(string[] words, string[] wanted)
    {
        for (var start = 0; start + wanted.Length <= words.Length; start++)
        {
            var all = true;
            for (var i = 0; i < wanted.Length && all; i++)
            {
                all = string.Equals(words[start + i], wanted[i], StringComparison.Ordinal);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
