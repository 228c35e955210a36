using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace GoodwillFlow.Core.Connections;

/// <summary>
/// Stable identifiers for connections and campaigns. Both are 16 lowercase hex characters (the 64-bit XXH3 hash of
/// the UTF-8 text), short enough to fit, with a signature, in the local part of a reply-to email address.
/// </summary>
/// <remarks>
/// The id is a key, not a secret (reply tokens are HMAC-signed separately), so a fast non-cryptographic hash is
/// enough: 64 bits make a collision among 30,000 connections about one in 40 billion. XXH3 with seed 0 is a fixed,
/// published algorithm, and the hash is written as a number (not as memory), so ids are the same on every machine,
/// process and version of .NET.
/// </remarks>
public static class ConnectionId
{
    private const string LowercaseHexDigits = "0123456789abcdef";

    /// <summary>The length of every id produced here.</summary>
    public const int Length = 16;

    // Text up to this many UTF-8 bytes is hashed from the stack; longer (rare) text from a pooled array.
    private const int MaxStackBytes = 512;

    /// <summary>Returns true when <paramref name="value"/> has the shape of an id (16 lowercase hex characters).</summary>
    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Derives an id from stable text (a normalised profile URL, or the row's fields joined).</summary>
    public static string FromText(string stableText)
    {
        ArgumentNullException.ThrowIfNull(stableText);
        return ToId(Hash(stableText.AsSpan()));
    }

    /// <summary>The id of <paramref name="text"/>: the same as <see cref="FromText(string)"/> of it as a string.</summary>
    internal static string FromText(ReadOnlySpan<char> text) => ToId(Hash(text));

    /// <summary>The id of the text whose UTF-8 is <paramref name="utf8"/>.</summary>
    internal static string FromUtf8(ReadOnlySpan<byte> utf8) => ToId(Hash(utf8));

    /// <summary>The 64-bit hash behind the id of <paramref name="text"/> (see <see cref="ToId(ulong)"/>).</summary>
    internal static ulong Hash(ReadOnlySpan<char> text)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (maxBytes <= MaxStackBytes)
        {
            Span<byte> utf8 = stackalloc byte[MaxStackBytes];
            var length = Encoding.UTF8.GetBytes(text, utf8);
            return Hash(utf8[..length]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            return Hash(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The 64-bit hash behind the id of the text whose UTF-8 is <paramref name="utf8"/>.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> utf8) => XxHash3.HashToUInt64(utf8);

    /// <summary>Writes a hash from <see cref="Hash(ReadOnlySpan{byte})"/> as an id: 16 lowercase hex digits, most significant first.</summary>
    internal static string ToId(ulong hash)
    {
        // Nibble by nibble: formatting the ulong with "x16" took a slow path that cost more than the hash, and
        // string.Create with Convert's vectorised hex writer has no ReadyToRun code outside the framework, so every
        // start of goodwill import compiled both (docs/performance.md).
        Span<char> id = stackalloc char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            id[i] = LowercaseHexDigits[(int)(hash & 0xF)];
            hash >>= 4;
        }

        return new string(id);
    }
}

