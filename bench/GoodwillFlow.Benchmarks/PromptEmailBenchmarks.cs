using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Prompts;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// Building a prompt and rendering its email (HTML and text), against HTML-encoding the same connection's fields
/// into a string of the email's size: the least any renderer of this message does.
/// </summary>
[MemoryDiagnoser]
public class PromptEmailBenchmarks
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static readonly Connection Connection = new(
        "0123456789abcdef", "Sofía", "Hernández 🚀", "https://www.linkedin.com/in/sof%C3%ADa-hern%C3%A1ndez",
        null, "Lee, Park & Associates", "Director, Customer Success", new DateOnly(2016, 3, 14));

    private static readonly PromptEmailContext Context = new(
        "owner@example.com", "fedcba9876543210", new Uri("https://goodwill.example/api/r/v1.abc_DEF-123"),
        "reply+v1.abc@inbound.example.com", 12, 30_000);

    private int emailLength;

    [GlobalSetup]
    public void Setup()
    {
        var message = Render();
        emailLength = message.HtmlBody.Length + message.TextBody.Length;
    }

    [Benchmark(Baseline = true, Description = "HTML-encode the fields into a string of the email's size")]
    public int EncodeFields()
    {
        var builder = new System.Text.StringBuilder(emailLength);
        while (builder.Length < emailLength)
        {
            builder.Append(HtmlEncoder.Default.Encode(Connection.FirstName)).Append(' ')
                .Append(HtmlEncoder.Default.Encode(Connection.LastName)).Append(' ')
                .Append(HtmlEncoder.Default.Encode(Connection.Company!)).Append(' ')
                .Append(HtmlEncoder.Default.Encode(Connection.Position!)).Append(' ')
                .Append(HtmlEncoder.Default.Encode(Connection.Url!));
        }

        return builder.ToString().Length;
    }

    [Benchmark(Description = "Build the prompt and compose its email")]
    public EmailMessage Render() =>
        PromptEmailComposer.Compose(ReflectionPromptBuilder.Build(Connection, Today), Context);
}
