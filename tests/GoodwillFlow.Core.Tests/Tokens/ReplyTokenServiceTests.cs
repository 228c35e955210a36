using GoodwillFlow.Core.Tokens;

namespace GoodwillFlow.Core.Tests.Tokens;

public class ReplyTokenServiceTests
{
    private const string Campaign = "0123456789abcdef";
    private const string Connection = "fedcba9876543210";
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddDays(30);

    private static ReplyTokenSigningKey Key(byte id, byte fill) => new(id, Enumerable.Repeat(fill, 32).ToArray());

    [Fact]
    public void Round_trips_campaign_connection_and_expiry()
    {
        var service = new ReplyTokenService(Key(1, 0x11));

        var check = service.Verify(service.Issue(Campaign, Connection, Expiry), Now);

        Assert.Equal(ReplyTokenStatus.Valid, check.Status);
        Assert.Equal(new ReplyToken(Campaign, Connection, Expiry), check.Token);
    }

    [Fact]
    public void Token_fits_an_email_local_part_and_a_url_segment()
    {
        var token = new ReplyTokenService(Key(1, 0x11)).Issue(Campaign, Connection, Expiry);

        Assert.True(token.Length <= 56, $"token is {token.Length} characters");
        Assert.Matches("^[a-z2-7]+$", token);
        Assert.True($"reply+{token}".Length <= 64);
        Assert.Equal(token, Uri.EscapeDataString(token));
    }

    [Fact]
    public void Refuses_a_token_with_any_single_character_changed()
    {
        var service = new ReplyTokenService(Key(1, 0x11));
        var token = service.Issue(Campaign, Connection, Expiry);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";

        for (var i = 0; i < token.Length; i++)
        {
            var replacement = alphabet[(alphabet.IndexOf(token[i], StringComparison.Ordinal) + 1 + (i % 31)) % 32];
            var tampered = string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1));

            var check = service.Verify(tampered, Now);

            Assert.True(check.Status == ReplyTokenStatus.Invalid, $"changing character {i} was accepted");
            Assert.Null(check.Token);
        }
    }

    [Fact]
    public void Reports_an_expired_token_with_its_payload()
    {
        var service = new ReplyTokenService(Key(1, 0x11));
        var token = service.Issue(Campaign, Connection, Expiry);

        var atExpiry = service.Verify(token, Expiry);
        var justBefore = service.Verify(token, Expiry.AddSeconds(-1));

        Assert.Equal(ReplyTokenStatus.Expired, atExpiry.Status);
        Assert.Equal(Connection, atExpiry.Token?.ConnectionId);
        Assert.Equal(Campaign, atExpiry.Token?.CampaignId);
        Assert.Equal(ReplyTokenStatus.Valid, justBefore.Status);
    }

    [Fact]
    public void Expiry_is_rounded_down_to_the_minute_so_a_token_never_outlives_its_request()
    {
        var service = new ReplyTokenService(Key(1, 0x11));
        var requested = Expiry.AddSeconds(59);

        var check = service.Verify(service.Issue(Campaign, Connection, requested), Expiry);

        Assert.Equal(ReplyTokenStatus.Expired, check.Status);
        Assert.Equal(Expiry, check.Token?.ExpiresAt);
    }

    [Fact]
    public void Accepts_an_old_key_while_it_is_listed_and_refuses_it_after_removal()
    {
        var oldKey = Key(1, 0x11);
        var newKey = Key(2, 0x22);
        var oldToken = new ReplyTokenService(oldKey).Issue(Campaign, Connection, Expiry);

        var duringRotation = new ReplyTokenService(newKey, [oldKey]);
        var afterRotation = new ReplyTokenService(newKey);

        Assert.Equal(ReplyTokenStatus.Valid, duringRotation.Verify(oldToken, Now).Status);
        Assert.Equal(ReplyTokenStatus.Valid, duringRotation.Verify(duringRotation.Issue(Campaign, Connection, Expiry), Now).Status);
        Assert.Equal(ReplyTokenStatus.Invalid, afterRotation.Verify(oldToken, Now).Status);
    }

    [Fact]
    public void Refuses_a_token_signed_with_another_secret_under_the_same_key_id()
    {
        var forged = new ReplyTokenService(Key(1, 0x99)).Issue(Campaign, Connection, Expiry);

        Assert.Equal(ReplyTokenStatus.Invalid, new ReplyTokenService(Key(1, 0x11)).Verify(forged, Now).Status);
    }

    [Fact]
    public void Accepts_a_token_upper_cased_by_a_mail_system()
    {
        var service = new ReplyTokenService(Key(1, 0x11));
        var token = service.Issue(Campaign, Connection, Expiry);

        var check = service.Verify(token.ToUpperInvariant(), Now);

        Assert.Equal(ReplyTokenStatus.Valid, check.Status);
        Assert.Equal(Connection, check.Token?.ConnectionId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")]
    public void Refuses_malformed_input(string? token)
    {
        var check = new ReplyTokenService(Key(1, 0x11)).Verify(token, Now);

        Assert.Equal(ReplyTokenStatus.Invalid, check.Status);
        Assert.Null(check.Token);
    }

    [Fact]
    public void Refuses_a_token_with_a_character_added_or_removed()
    {
        var service = new ReplyTokenService(Key(1, 0x11));
        var token = service.Issue(Campaign, Connection, Expiry);

        Assert.Equal(ReplyTokenStatus.Invalid, service.Verify(token + "a", Now).Status);
        Assert.Equal(ReplyTokenStatus.Invalid, service.Verify(token[..^1], Now).Status);
    }

    [Fact]
    public void Rejects_a_secret_shorter_than_32_bytes()
    {
        var shortKey = new ReplyTokenSigningKey(1, new byte[31]);

        var asSigner = Assert.Throws<ArgumentException>(() => new ReplyTokenService(shortKey));
        Assert.Throws<ArgumentException>(() => new ReplyTokenService(Key(2, 0x22), [shortKey]));
        Assert.Contains("32 bytes", asSigner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_two_different_secrets_under_one_key_id()
    {
        Assert.Throws<ArgumentException>(() => new ReplyTokenService(Key(1, 0x11), [Key(1, 0x22)]));
    }

    [Fact]
    public void A_caller_reusing_its_secret_array_does_not_change_the_signer()
    {
        var secret = Enumerable.Repeat((byte)0x11, 32).ToArray();
        var service = new ReplyTokenService(new ReplyTokenSigningKey(1, secret));
        var token = service.Issue(Campaign, Connection, Expiry);

        Array.Clear(secret);

        Assert.Equal(ReplyTokenStatus.Valid, service.Verify(token, Now).Status);
    }

    [Theory]
    [InlineData("0123456789ABCDEF", Connection)]
    [InlineData(Campaign, "short")]
    [InlineData(Campaign, "fedcba987654321g")]
    public void Issue_rejects_ids_that_are_not_16_lowercase_hex(string campaign, string connection)
    {
        var service = new ReplyTokenService(Key(1, 0x11));

        Assert.Throws<ArgumentException>(() => service.Issue(campaign, connection, Expiry));
    }

    [Fact]
    public void Round_trips_many_random_ids_and_keys()
    {
        var random = new Random(20260303);
        for (var i = 0; i < 500; i++)
        {
            var secret = new byte[32 + random.Next(32)];
            random.NextBytes(secret);
            var service = new ReplyTokenService(new ReplyTokenSigningKey((byte)random.Next(256), secret));
            var campaign = Convert.ToHexStringLower(RandomBytes(random, 8));
            var connection = Convert.ToHexStringLower(RandomBytes(random, 8));
            var expiry = DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(0, 4_000_000_000L) * 60);

            var token = service.Issue(campaign, connection, expiry);
            var check = service.Verify(token, expiry.AddMinutes(-1));

            Assert.Matches("^[a-z2-7]{1,56}$", token);
            Assert.Equal(ReplyTokenStatus.Valid, check.Status);
            Assert.Equal(new ReplyToken(campaign, connection, expiry), check.Token);
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
