using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// A JSON encoder that escapes only what JSON requires (quote, backslash, control characters), so names with emoji
/// or accents appear as they are. <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> still writes
/// characters outside the Basic Multilingual Plane (every emoji) and some spaces as <c>\uXXXX</c>.
/// </summary>
internal sealed class MinimalJsonEscaping : JavaScriptEncoder
{
    private MinimalJsonEscaping()
    {
    }

    /// <summary>Gets the single instance.</summary>
    public static MinimalJsonEscaping Instance { get; } = new();

    /// <inheritdoc/>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    /// <inheritdoc/>
    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or '"' or '\\' || (unicodeScalar is >= 0xD800 and <= 0xDFFF);

    /// <inheritdoc/>
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        // Called for every value of every row. A plain loop: a vectorised search (SearchValues) was compiled at every
        // start of goodwill import, which cost more than it saved on 30,000 rows (docs/performance.md).
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c < 0x20 || c is '"' or '\\')
            {
                return i;
            }

            if (char.IsSurrogate(c))
            {
                // A valid pair is written as is; a lone surrogate cannot be written as UTF-8 and must be encoded.
                if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        // Every byte of a character beyond ASCII is 0x80 or more, so the characters to escape are found byte by byte;
        // the base method decodes every character. An export's text is valid UTF-8 (ExportText), so there are no
        // lone surrogates to escape.
        for (var i = 0; i < utf8Text.Length; i++)
        {
            var b = utf8Text[i];
            if (b < 0x20 || b is (byte)'"' or (byte)'\\')
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override unsafe bool TryEncodeUnicodeScalar(
        int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar))
        {
            var rune = new Rune(unicodeScalar);
            return rune.TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        var escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => string.Create(CultureInfo.InvariantCulture, $"\\u{unicodeScalar:X4}"),
        };
        numberOfCharactersWritten = 0;
        if (!escape.AsSpan().TryCopyTo(destination))
        {
            return false;
        }

        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
