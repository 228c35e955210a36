using System.Text;

namespace GoodwillFlow.Core.Text;

/// <summary>Unicode normalisation of text from an export or an owner, whatever code points it holds.</summary>
public static class UnicodeForms
{
    /// <summary>
    /// <paramref name="text"/> in <paramref name="form"/>. <see cref="string.Normalize(NormalizationForm)"/> refuses
    /// text with the noncharacter U+FFFE (an <see cref="ArgumentException"/>), which is valid UTF-8 and can be in an
    /// export; it is read as U+FFFD here, so a name that holds one is matched and hashed like any other instead of
    /// stopping an import or a shortlist.
    /// </summary>
    public static string Normalize(string text, NormalizationForm form)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return text.Normalize(form);
        }
        catch (ArgumentException)
        {
            var replaced = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                // EnumerateRunes gives U+FFFD for a lone surrogate too, should the framework ever refuse those.
                replaced.Append(rune.Value == 0xFFFE ? Rune.ReplacementChar : rune);
            }

            return replaced.ToString().Normalize(form);
        }
    }
}
