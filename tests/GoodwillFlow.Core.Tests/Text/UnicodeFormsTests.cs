using System.Text;
using GoodwillFlow.Core.Text;

namespace GoodwillFlow.Core.Tests.Text;

public class UnicodeFormsTests
{
    [Fact]
    public void Composes_and_decomposes_as_the_framework_does()
    {
        Assert.Equal("Jos\u00E9", UnicodeForms.Normalize("Jose\u0301", NormalizationForm.FormC));
        Assert.Equal("Jose\u0301", UnicodeForms.Normalize("Jos\u00E9", NormalizationForm.FormD));
    }

    [Theory]
    [InlineData("Ana\uFFFE", "Ana\uFFFD")]
    [InlineData("\uFFFEJose\u0301 \uFFFE", "\uFFFDJos\u00E9 \uFFFD")]
    public void Reads_the_noncharacter_the_framework_refuses_as_the_replacement_character(string text, string expected)
    {
        Assert.Throws<ArgumentException>(() => text.Normalize(NormalizationForm.FormC));

        Assert.Equal(expected, UnicodeForms.Normalize(text, NormalizationForm.FormC));
    }
}
