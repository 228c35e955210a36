using System.Buffers.Binary;
using System.Text;
using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Tokens;

/// <summary>
/// Issues and verifies the owner's campaign-page tokens: HMAC-SHA256, signed with the reply-token keys (same key ids, same
/// rotation) but under a key derived for this purpose alone, so a reply token never verifies as an owner token nor the
/// reverse, even if someone rearranged its bytes.
/// </summary>
/// <remarks>
/// Layout (34 bytes, exactly 55 lowercase base32 characters, one fewer than a reply token): version (1, 0x4f) · key id (1) ·
/// campaign id (8) · nonce, big-endian uint32 (4) · expiry in unix minutes, big-endian uint32 (4) · HMAC-SHA256 of the
/// preceding 18 bytes under the purpose key, truncated to 16 bytes (128 bits). The key for a token kind is derived from the shared secret and its purpose (see <see cref="TokenKeyRing.Sign"/>).
/// </remarks>
public sealed class OwnerTokenService
{
    /// <summary>The length of every owner token, in characters.</summary>
    public const int TokenLength = 55;

    private const byte Version = 0x4f;
    private const int IdBytes = 8;
    private const int PayloadLength = 1 + 1 + IdBytes + 4 + 4;
    private const int MacLength = 16;
    private const int TokenBytes = PayloadLength + MacLength;

    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("GoodwillFlow owner campaign page v1");
    private static readonly long MaxExpiryMinutes = DateTimeOffset.MaxValue.ToUnixTimeSeconds() / 60;
    private static readonly OwnerTokenCheck Invalid = new(ReplyTokenStatus.Invalid, null);

    private readonly TokenKeyRing _keys;

    /// <summary>Creates the service over the reply-token keys: <paramref name="signingKey"/> signs, every key in <paramref name="acceptedKeys"/> (and the signing key) verifies.</summary>
    /// <exception cref="ArgumentException">A secret is shorter than 32 bytes, or two different secrets share a key id.</exception>
    public OwnerTokenService(ReplyTokenSigningKey signingKey, IEnumerable<ReplyTokenSigningKey>? acceptedKeys = null) =>
        _keys = new TokenKeyRing(signingKey, acceptedKeys, nameof(signingKey), nameof(acceptedKeys));

    /// <summary>Issues a token for the campaign page of <paramref name="campaignId"/>.</summary>
    /// <exception cref="ArgumentException">The id is not 16 lowercase hex characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiresAt"/> is before 1970 or after 10889.</exception>
    public string Issue(string campaignId, uint nonce, DateTimeOffset expiresAt)
    {
        if (!ConnectionId.IsValid(campaignId))
        {
            throw new ArgumentException("A campaign id is 16 lowercase hex characters.", nameof(campaignId));
        }

        var minutes = expiresAt.ToUnixTimeSeconds() / 60;
        if (minutes is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "The expiry must be after 1970-01-01 and fit in 32 bits of minutes.");
        }

        Span<byte> token = stackalloc byte[TokenBytes];
        token[0] = Version;
        token[1] = _keys.Signing.KeyId;
        Convert.FromHexString(campaignId, token.Slice(2, IdBytes), out _, out _);
        BinaryPrimitives.WriteUInt32BigEndian(token.Slice(2 + IdBytes, 4), nonce);
        BinaryPrimitives.WriteUInt32BigEndian(token.Slice(6 + IdBytes, 4), (uint)minutes);
        TokenKeyRing.Sign(_keys.Signing.Secret, Purpose, token[..PayloadLength], token[PayloadLength..]);
        return Base32.Encode(token);
    }

    /// <summary>Verifies a token in constant time against the accepted keys. The nonce is checked by the caller, against the campaign.</summary>
    public OwnerTokenCheck Verify(string? token, DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        if (!_keys.TryOpen(token, Version, Purpose, bytes, PayloadLength))
        {
            return Invalid;
        }

        var minutes = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(6 + IdBytes, 4));
        if (minutes > MaxExpiryMinutes)
        {
            return Invalid;
        }

        var payload = new OwnerToken(
            Convert.ToHexStringLower(bytes.Slice(2, IdBytes)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(2 + IdBytes, 4)),
            DateTimeOffset.FromUnixTimeSeconds(minutes * 60L));
        return new OwnerTokenCheck(now >= payload.ExpiresAt ? ReplyTokenStatus.Expired : ReplyTokenStatus.Valid, payload);
    }
}
