using System.Text;
using System.Text.RegularExpressions;

namespace GoodwillFlow.Workflow.Tests.Email;

/// <summary>A small, strict reader of the .eml files the outbox writes: headers (unfolded, encoded-words decoded) and MIME parts.</summary>
internal sealed partial class EmlReader
{
    private EmlReader(Dictionary<string, string> headers, Dictionary<string, string> rawHeaders, IReadOnlyList<(string ContentType, string Body)> parts)
    {
        Headers = headers;
        RawHeaders = rawHeaders;
        Parts = parts;
    }

    public Dictionary<string, string> Headers { get; }

    public Dictionary<string, string> RawHeaders { get; }

    public IReadOnlyList<(string ContentType, string Body)> Parts { get; }

    public static EmlReader Parse(string raw)
    {
        if (Regex.IsMatch(raw, "(?<!\r)\n"))
        {
            throw new FormatException("bare LF in message");
        }

        if (raw.Any(c => c > 127))
        {
            throw new FormatException("non-ASCII octet in message");
        }

        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var (headers, rawHeaders) = ReadHeaders(raw[..split]);
        var body = raw[(split + 4)..];
        var boundary = BoundaryPattern().Match(headers["Content-Type"]).Groups[1].Value;
        var parts = new List<(string, string)>();
        foreach (var chunk in body.Split("--" + boundary).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var partSplit = chunk.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var (partHeaders, _) = ReadHeaders(chunk[2..partSplit]);
            var content = chunk[(partSplit + 4)..];
            content = content.EndsWith("\r\n", StringComparison.Ordinal) ? content[..^2] : content;
            if (partHeaders["Content-Transfer-Encoding"] != "quoted-printable")
            {
                throw new FormatException("unexpected transfer encoding");
            }

            parts.Add((partHeaders["Content-Type"], DecodeQuotedPrintable(content)));
        }

        return new EmlReader(headers, rawHeaders, parts);
    }

    private static (Dictionary<string, string> Decoded, Dictionary<string, string> Raw) ReadHeaders(string block)
    {
        var decoded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var raw = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unfolded = Regex.Replace(block, "\r\n[ \t]", " ");
        foreach (var line in unfolded.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (!raw.TryAdd(name, value))
            {
                throw new FormatException($"duplicate header {name}");
            }

            decoded[name] = DecodeWords(value);
        }

        return (decoded, raw);
    }

    private static string DecodeWords(string value)
    {
        // Whitespace between adjacent encoded-words is not part of the text (RFC 2047 §6.2).
        var joined = Regex.Replace(value, @"\?=\s+=\?", "?==?");
        return EncodedWordPattern().Replace(joined, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
    }

    private static string DecodeQuotedPrintable(string content)
    {
        foreach (var line in content.Split("\r\n"))
        {
            if (line.Length > 76)
            {
                throw new FormatException("quoted-printable line longer than 76 characters: [" + line + "]");
            }
        }

        var bytes = new List<byte>();
        var text = content.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWordPattern();
}
