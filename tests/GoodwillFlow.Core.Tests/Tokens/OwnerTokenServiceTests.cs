using GoodwillFlow.Core.Tokens;

namespace GoodwillFlow.Core.Tests.Tokens;

public sealed class OwnerTokenServiceTests
{
    private const string Campaign = "0123456789abcdef";
    private const string Connection = "fedcba9876543210";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly ReplyTokenSigningKey Key = new(1, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly ReplyTokenSigningKey OtherKey = new(2, Enumerable.Range(50, 32).Select(i => (byte)i).ToArray());

    private readonly OwnerTokenService _owner = new(Key);
    private readonly ReplyTokenService _reply = new(Key);

    [Fact]
    public void Issued_token_verifies_with_its_campaign_nonce_and_expiry()
    {
        var token = _owner.Issue(Campaign, 42, Now.AddDays(180));

        var check = _owner.Verify(token, Now);

        Assert.Equal(ReplyTokenStatus.Valid, check.Status);
        Assert.Equal(Campaign, check.Token!.CampaignId);
        Assert.Equal(42u, check.Token.Nonce);
        Assert.Equal(Now.AddDays(180), check.Token.ExpiresAt);
        Assert.Equal(OwnerTokenService.TokenLength, token.Length);
        Assert.Matches("^[a-z2-7]+$", token);
    }

    [Fact]
    public void A_reply_token_never_verifies_as_an_owner_token()
    {
        var replyToken = _reply.Issue(Campaign, Connection, Now.AddDays(30));

        Assert.Equal(ReplyTokenStatus.Invalid, _owner.Verify(replyToken, Now).Status);

        // Even cut to an owner token's length, its bytes are signed under another key.
        Assert.Equal(ReplyTokenStatus.Invalid, _owner.Verify(replyToken[..OwnerTokenService.TokenLength], Now).Status);
    }

    [Fact]
    public void An_owner_token_never_verifies_as_a_reply_token()
    {
        var ownerToken = _owner.Issue(Campaign, 7, Now.AddDays(180));

        Assert.Equal(ReplyTokenStatus.Invalid, _reply.Verify(ownerToken, Now).Status);
        Assert.Equal(ReplyTokenStatus.Invalid, _reply.Verify(ownerToken + "a", Now).Status);
    }

    [Fact]
    public void Expired_token_is_reported_expired_not_valid()
    {
        var token = _owner.Issue(Campaign, 1, Now.AddMinutes(5));

        Assert.Equal(ReplyTokenStatus.Expired, _owner.Verify(token, Now.AddMinutes(5)).Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(54)]
    public void A_token_changed_in_any_one_character_is_invalid(int position)
    {
        var token = _owner.Issue(Campaign, 9, Now.AddDays(1));
        var tampered = token[..position] + (token[position] == 'a' ? 'b' : 'a') + token[(position + 1)..];

        Assert.Equal(ReplyTokenStatus.Invalid, _owner.Verify(tampered, Now).Status);
    }

    [Fact]
    public void A_token_signed_with_a_previous_key_still_verifies_after_rotation_and_an_unknown_key_does_not()
    {
        var old = new OwnerTokenService(OtherKey).Issue(Campaign, 3, Now.AddDays(1));

        Assert.Equal(ReplyTokenStatus.Valid, new OwnerTokenService(Key, [OtherKey]).Verify(old, Now).Status);
        Assert.Equal(ReplyTokenStatus.Invalid, _owner.Verify(old, Now).Status);
    }

    [Fact]
    public void Upper_case_token_is_accepted()
    {
        var token = _owner.Issue(Campaign, 3, Now.AddDays(1));

        Assert.Equal(ReplyTokenStatus.Valid, _owner.Verify(token.ToUpperInvariant(), Now).Status);
    }
}
