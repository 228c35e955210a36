using System.Security.Cryptography;

namespace GoodwillFlow.Core.Tokens;

/// <summary>
/// The signing key and the accepted keys by id, shared by every token kind: each key is copied and checked once, and two
/// different secrets may not share an id.
/// </summary>
internal sealed class TokenKeyRing
{
    private readonly Dictionary<byte, byte[]> _accepted = [];

    public TokenKeyRing(ReplyTokenSigningKey signingKey, IEnumerable<ReplyTokenSigningKey>? acceptedKeys, string signingParam, string acceptedParam)
    {
        ArgumentNullException.ThrowIfNull(signingKey, signingParam);
        Signing = signingKey with { Secret = CheckedCopy(signingKey, signingParam) };
        _accepted[Signing.KeyId] = Signing.Secret;

        foreach (var key in acceptedKeys ?? [])
        {
            ArgumentNullException.ThrowIfNull(key, acceptedParam);
            var secret = CheckedCopy(key, acceptedParam);
            if (_accepted.TryGetValue(key.KeyId, out var existing))
            {
                if (!CryptographicOperations.FixedTimeEquals(existing, secret))
                {
                    throw new ArgumentException(
                        $"Two different reply-token secrets share key id {key.KeyId}; give each key its own id.",
                        acceptedParam);
                }

                continue;
            }

            _accepted[key.KeyId] = secret;
        }
    }

    /// <summary>Gets the key new tokens are signed with.</summary>
    public ReplyTokenSigningKey Signing { get; }

    /// <summary>
    /// Decodes <paramref name="token"/> into <paramref name="bytes"/> (version · key id · payload · MAC) and checks, in
    /// constant time, that it is <paramref name="version"/>, names an accepted key and carries the MAC of its first
    /// <paramref name="payloadLength"/> bytes under that key and <paramref name="purpose"/>.
    /// </summary>
    public bool TryOpen(string? token, byte version, ReadOnlySpan<byte> purpose, Span<byte> bytes, int payloadLength)
    {
        if (token is null || token.Length != Base32.EncodedLength(bytes.Length)
            || !Base32.TryDecode(token, bytes) || bytes[0] != version || !_accepted.TryGetValue(bytes[1], out var secret))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[bytes.Length - payloadLength];
        Sign(secret, purpose, bytes[..payloadLength], expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes[payloadLength..]);
    }

    /// <summary>
    /// Writes the truncated HMAC-SHA256 of <paramref name="payload"/> into <paramref name="mac"/>: under the secret itself
    /// when <paramref name="purpose"/> is empty, else under HMAC(secret, purpose), a key no other purpose signs with.
    /// </summary>
    public static void Sign(byte[] secret, ReadOnlySpan<byte> purpose, ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        Span<byte> purposeKey = stackalloc byte[HMACSHA256.HashSizeInBytes];
        scoped ReadOnlySpan<byte> key = secret;
        if (!purpose.IsEmpty)
        {
            HMACSHA256.HashData(secret, purpose, purposeKey);
            key = purposeKey;
        }

        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, payload, full);
        full[..mac.Length].CopyTo(mac);
    }

    private static byte[] CheckedCopy(ReplyTokenSigningKey key, string paramName)
    {
        if (key.Secret is null || key.Secret.Length < ReplyTokenService.MinimumSecretLength)
        {
            throw new ArgumentException(
                $"Reply-token key {key.KeyId} has a secret shorter than {ReplyTokenService.MinimumSecretLength} bytes; generate at least {ReplyTokenService.MinimumSecretLength} random bytes.",
                paramName);
        }

        // Copied so a caller clearing or reusing its array cannot change what we sign with.
        return (byte[])key.Secret.Clone();
    }
}
