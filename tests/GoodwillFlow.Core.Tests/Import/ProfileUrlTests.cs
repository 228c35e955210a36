using GoodwillFlow.Core.Connections;

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
}
