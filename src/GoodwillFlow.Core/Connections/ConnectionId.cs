namespace GoodwillFlow.Core.Connections;

/// <summary>
/// Stable identifiers for connections and campaigns. Both are 16 lowercase hex characters (64 bits of a SHA-256),
/// short enough to fit, with a signature, in the local part of a reply-to email address.
/// </summary>
public static class ConnectionId
{
    /// <summary>The length of every id produced here.</summary>
    public const int Length = 16;

    /// <summary>Returns true when <paramref name="value"/> has the shape of an id (16 lowercase hex characters).</summary>
    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Derives an id from stable text (a normalised profile URL, or the row's fields joined).</summary>
    public static string FromText(string stableText)
    {
        ArgumentNullException.ThrowIfNull(stableText);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stableText), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
