using System.Text;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import;

public class ProfileUrlTests
{
    [Theory]
    [InlineData("https://www.linkedin.com/in/jane-doe")]
    [InlineData("https://www.linkedin.com/in/jane-doe/")]
    [InlineData("HTTPS://WWW.LINKEDIN.COM/in/Jane-Doe")]
    [InlineData("http://linkedin.com/in/jane-doe")]
    [InlineData("https://uk.linkedin.com/in/jane-doe")]
    [InlineData("https://www.linkedin.com/in/jane-doe?trk=public_profile#about")]
    [InlineData("  https://www.linkedin.com/in/%6Aane-doe//  ")]
    [InlineData("www.linkedin.com/in/jane-doe")]
    public void Normalises_the_forms_of_one_profile_to_the_same_text(string url)
    {
        Assert.Equal("linkedin.com/in/jane-doe", ProfileUrl.Normalise(url));
    }

    [Fact]
    public void Decodes_percent_encoded_non_ascii_slugs()
    {
        Assert.Equal(
            ProfileUrl.Normalise("https://www.linkedin.com/in/josé-garcía"),
            ProfileUrl.Normalise("https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa"));
    }

    [Fact]
    public void Keeps_different_profiles_apart()
    {
        Assert.NotEqual(
            ProfileUrl.Normalise("https://www.linkedin.com/in/john-smith-1"),
            ProfileUrl.Normalise("https://www.linkedin.com/in/john-smith-2"));
    }

    [Theory]
    [InlineData("https://www.linkedin.com/in/Jane-Doe/")]
    [InlineData("https://www.linkedin.com/in/%6Aane-doe%2F")]
    [InlineData("https://www.linkedin.com/in/100%zz-sure")]
    [InlineData("https://example.org/People/Jane?x=1")]
    [InlineData("https://www.linkedin.com/in/jos%C3%A9-garcia")]
    [InlineData("https://www.linkedin.com/in/josé-garcía")]
    public void Gives_every_url_the_id_of_its_normalised_text(string url)
    {
        var text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
            $"Jane,Doe,{url},,Acme,Engineer,1 Jan 2020\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var connection = Assert.Single(LinkedInConnectionsImporter.Import(stream).Connections);

        Assert.Equal(ConnectionId.FromText(ProfileUrl.Normalise(url)), connection.Id);
    }

    [Theory]
    [InlineData("https://www.linkedin.com/in/Jane-Doe/")]
    [InlineData("https://www.linkedin.com/in/%6Aane-doe%2F")]
    [InlineData("https://example.org/People/%41bc")]
    [InlineData("https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa-0a1b2")]
    [InlineData("https://www.linkedin.com/in/%C3%89LODIE-%C8%BA%C8%BA%2F")]
    [InlineData("https://www.linkedin.com/in/olu-adeyemi-%F0%9F%9A%80/")]
    [InlineData("https://example.org/People/%C3%89lodie")]
    [InlineData("https://www.linkedin.com/in/rlo-%E2%80%AE-bom-%EF%BB%BF-nbsp-%C2%A0-%00")]
    [InlineData("https://www.linkedin.com/in/100%zz-sure%")]
    public void Writes_the_same_text_on_the_ascii_fast_path_as_the_string_path(string url)
    {
        Span<byte> utf8 = stackalloc byte[url.Length];

        Assert.True(ProfileUrl.TryNormaliseAsciiUtf8(url, utf8, out var length));
        Assert.Equal(ProfileUrl.Normalise(url), Encoding.UTF8.GetString(utf8[..length]));
    }

    [Theory]
    [InlineData("https://www.linkedin.com/in/broken-%C3")]
    [InlineData("https://www.linkedin.com/in/broken-%FF%FE")]
    [InlineData("https://www.linkedin.com/in/overlong-%C0%AF")]
    public void Leaves_percent_encoded_bytes_that_are_not_utf8_to_the_string_path(string url)
    {
        Span<byte> utf8 = stackalloc byte[url.Length];

        Assert.False(ProfileUrl.TryNormaliseAsciiUtf8(url, utf8, out _));
        Assert.Equal(ConnectionId.FromText(ProfileUrl.Normalise(url)), Exports.Import(Exports.Current($"Ann,Lee,{url},,,,")).Connections[0].Id);
    }
}
