namespace GoodwillFlow.Core.Tokens;

/// <summary>A signing key with its id (0 to 255), so keys can be rotated while old links keep working.</summary>
/// <param name="KeyId">The id carried inside each token.</param>
/// <param name="Secret">At least 32 bytes of secret.</param>
public sealed record ReplyTokenSigningKey(byte KeyId, byte[] Secret);
