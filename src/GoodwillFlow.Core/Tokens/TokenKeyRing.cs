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

    public bool TryGetSecret(byte keyId, out byte[] secret) => _accepted.TryGetValue(keyId, out secret!);

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
