using System.Buffers.Binary;
using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Tokens;

/// <summary>
/// Issues and verifies HMAC-SHA256 reply tokens. Tokens are lowercase base32, at most 56 characters, so that
/// <c>reply+{token}@domain</c> is a valid, case-insensitive email local part as well as a URL path segment.
/// </summary>
/// <remarks>
/// Layout (35 bytes, exactly 56 base32 characters, no padding): version (1) · key id (1) · campaign id (8) ·
/// connection id (8) · expiry in unix minutes, big-endian uint32 (4) · HMAC-SHA256 of the preceding 22 bytes,
/// truncated to 13 bytes (104 bits). Expiry is stored to the minute, rounded down, so a token never outlives
/// the time it was issued for.
/// </remarks>
public sealed class ReplyTokenService
{
    /// <summary>The shortest secret accepted, in bytes (the HMAC-SHA256 output size).</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>The length of every token issued, in characters.</summary>
    public const int TokenLength = 56;

    private const byte Version = 1;
    private const int IdBytes = 8;
    private const int PayloadLength = 1 + 1 + IdBytes + IdBytes + 4;
    private const int MacLength = 13;
    private const int TokenBytes = PayloadLength + MacLength;

    private static readonly long MaxExpiryMinutes = DateTimeOffset.MaxValue.ToUnixTimeSeconds() / 60;
    private static readonly ReplyTokenCheck Invalid = new(ReplyTokenStatus.Invalid, null);

    private readonly TokenKeyRing _keys;

    /// <summary>Creates the service. <paramref name="signingKey"/> signs; every key in <paramref name="acceptedKeys"/> (and the signing key) verifies.</summary>
    /// <exception cref="ArgumentException">A secret is shorter than 32 bytes, or two different secrets share a key id.</exception>
    public ReplyTokenService(ReplyTokenSigningKey signingKey, IEnumerable<ReplyTokenSigningKey>? acceptedKeys = null) =>
        _keys = new TokenKeyRing(signingKey, acceptedKeys, nameof(signingKey), nameof(acceptedKeys));

    /// <summary>Issues a token for one connection of one campaign.</summary>
    /// <exception cref="ArgumentException">An id is not 16 lowercase hex characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiresAt"/> is before 1970.</exception>
    public string Issue(string campaignId, string connectionId, DateTimeOffset expiresAt)
    {
        if (!ConnectionId.IsValid(campaignId))
        {
            throw new ArgumentException("A campaign id is 16 lowercase hex characters.", nameof(campaignId));
        }

        if (!ConnectionId.IsValid(connectionId))
        {
            throw new ArgumentException("A connection id is 16 lowercase hex characters.", nameof(connectionId));
        }

        var minutes = expiresAt.ToUnixTimeSeconds() / 60;
        if (expiresAt < DateTimeOffset.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "The expiry must be after 1970-01-01.");
        }

        Span<byte> token = stackalloc byte[TokenBytes];
        token[0] = Version;
        token[1] = _keys.Signing.KeyId;
        Convert.FromHexString(campaignId, token.Slice(2, IdBytes), out _, out _);
        Convert.FromHexString(connectionId, token.Slice(2 + IdBytes, IdBytes), out _, out _);
        BinaryPrimitives.WriteUInt32BigEndian(token.Slice(2 + (2 * IdBytes), 4), (uint)minutes);
        TokenKeyRing.Sign(_keys.Signing.Secret, [], token[..PayloadLength], token[PayloadLength..]);
        return Base32.Encode(token);
    }

    /// <summary>Verifies a token in constant time against the accepted keys.</summary>
    /// <remarks>Upper- or mixed-case tokens are accepted: mail systems may re-case the local part of an address.</remarks>
    public ReplyTokenCheck Verify(string? token, DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        if (!_keys.TryOpen(token, Version, [], bytes, PayloadLength))
        {
            return Invalid;
        }

        var minutes = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(2 + (2 * IdBytes), 4));
        if (minutes > MaxExpiryMinutes)
        {
            // Only a token signed with a leaked key could carry this; DateTimeOffset cannot represent it.
            return Invalid;
        }

        var payload = new ReplyToken(
            Convert.ToHexStringLower(bytes.Slice(2, IdBytes)),
            Convert.ToHexStringLower(bytes.Slice(2 + IdBytes, IdBytes)),
            DateTimeOffset.FromUnixTimeSeconds(minutes * 60L));
        return new ReplyTokenCheck(now >= payload.ExpiresAt ? ReplyTokenStatus.Expired : ReplyTokenStatus.Valid, payload);
    }

}
