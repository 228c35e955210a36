using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace GoodwillFlow.Workflow.Http;

/// <summary>Why a request body could not be read as a form.</summary>
internal enum FormBodyProblem
{
    /// <summary>The body was read.</summary>
    None,

    /// <summary>The body is longer than the handler's limit (with or without a Content-Length).</summary>
    TooLarge,

    /// <summary>The Content-Type names a charset this server does not read (UTF-7, an unknown name).</summary>
    UnsupportedCharset,

    /// <summary>The body is not a well-formed form of its declared type.</summary>
    Malformed,
}

/// <summary>One part of a multipart/form-data body, kept as bytes so the caller decides its charset.</summary>
/// <param name="Name">The form field name.</param>
/// <param name="Bytes">The part's body.</param>
/// <param name="Charset">The charset named by the part's own Content-Type, if any.</param>
internal sealed record FormPart(string Name, byte[] Bytes, string? Charset);

/// <summary>
/// Reads request bodies as forms without ASP.NET Core's <c>FormFeature</c>, which throws (a 500) for a charset it does
/// not support, and relies on the server to stop a body sent without a Content-Length. Here every body is counted as it
/// is read, so the limit holds on every host (Kestrel, the Functions worker, tests), and a charset is either read or
/// refused.
/// </summary>
internal static class FormBody
{
    static FormBody()
    {
        // Windows-1252, ISO-8859-x and other code pages that mail clients and old browsers still name.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// Resolves a charset name: none means UTF-8; UTF-7 is refused (it can smuggle markup past filters and .NET no longer
    /// reads it); an unknown name is refused.
    /// </summary>
    public static bool TryGetEncoding(string? charset, out Encoding encoding)
    {
        encoding = Encoding.UTF8;
        var name = charset?.Trim().Trim('"');
        if (string.IsNullOrEmpty(name))
        {
            return true;
        }

        if (name.Equals("utf-7", StringComparison.OrdinalIgnoreCase) || name.Equals("utf7", StringComparison.OrdinalIgnoreCase)
            || name.Equals("unicode-1-1-utf-7", StringComparison.OrdinalIgnoreCase) || name.Equals("csUnicode11UTF7", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            encoding = Encoding.GetEncoding(name);
            return encoding.CodePage != 65000;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            encoding = Encoding.UTF8;
            return false;
        }
    }

    /// <summary>Reads an <c>application/x-www-form-urlencoded</c> body in the charset its Content-Type names.</summary>
    public static async Task<(IFormCollection? Form, FormBodyProblem Problem)> ReadUrlEncodedAsync(
        HttpRequest request, long limit, int valueCountLimit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, FormBodyProblem.TooLarge);
        }

        _ = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType);
        if (!TryGetEncoding(mediaType?.Charset.Value, out var encoding))
        {
            return (null, FormBodyProblem.UnsupportedCharset);
        }

        var body = new LimitedReadStream(request.Body, limit);
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            await body.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, body.LimitExceeded || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? FormBodyProblem.TooLarge
                : FormBodyProblem.Malformed);
        }

        return ParseUrlEncoded(bytes, encoding, valueCountLimit) is { } form ? (form, FormBodyProblem.None) : (null, FormBodyProblem.Malformed);
    }

    /// <summary>
    /// Splits <c>name=value&amp;...</c> on the bytes and decodes each percent-escaped name and value in
    /// <paramref name="encoding"/>: a browser encodes a form in its page's charset, escapes included, which
    /// <see cref="FormReader"/> would decode as UTF-8. Null when there are more fields than allowed.
    /// </summary>
    private static FormCollection? ParseUrlEncoded(byte[] bytes, Encoding encoding, int valueCountLimit)
    {
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        foreach (var range in ((ReadOnlySpan<byte>)bytes).Split((byte)'&'))
        {
            var (start, length) = range.GetOffsetAndLength(bytes.Length);
            if (length == 0)
            {
                continue;
            }

            if (++count > valueCountLimit)
            {
                return null;
            }

            var pair = bytes.AsSpan(start, length);
            var equals = pair.IndexOf((byte)'=');
            var name = Decode(bytes, start, equals < 0 ? length : equals, encoding);
            var value = equals < 0 ? "" : Decode(bytes, start + equals + 1, length - equals - 1, encoding);
            fields[name] = fields.TryGetValue(name, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
        }

        return new FormCollection(fields);

        static string Decode(byte[] bytes, int offset, int count, Encoding encoding) =>
            System.Web.HttpUtility.UrlDecode(bytes, offset, count, encoding) ?? "";
    }

    /// <summary>Reads a <c>multipart/form-data</c> body into its parts, at most <paramref name="limit"/> bytes in all.</summary>
    public static async Task<(IReadOnlyList<FormPart>? Parts, FormBodyProblem Problem)> ReadMultipartAsync(
        HttpRequest request, long limit, int partCountLimit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, FormBodyProblem.TooLarge);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary) is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, FormBodyProblem.Malformed);
        }

        var body = new LimitedReadStream(request.Body, limit);
        var parts = new List<FormPart>();
        try
        {
            var reader = new MultipartReader(boundary.ToString(), body) { HeadersCountLimit = 32, HeadersLengthLimit = 16 * 1024 };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (parts.Count >= partCountLimit)
                {
                    return (null, FormBodyProblem.Malformed);
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFormDisposition() || disposition.IsFileDisposition())
                {
                    // Attachments (SendGrid posts them as files) are not answers: read past them unbuffered.
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                    continue;
                }

                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, cancellationToken);
                _ = MediaTypeHeaderValue.TryParse(section.ContentType, out var partType);
                parts.Add(new FormPart(HeaderUtilities.RemoveQuotes(disposition.Name).ToString(), buffer.ToArray(), partType?.Charset.Value));
            }

            return (parts, FormBodyProblem.None);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, body.LimitExceeded || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? FormBodyProblem.TooLarge
                : FormBodyProblem.Malformed);
        }
    }

    /// <summary>Decodes the parts into a form: each in the charset <paramref name="charsetOf"/> gives, else UTF-8.</summary>
    public static IFormCollection Decode(IReadOnlyList<FormPart> parts, Func<FormPart, string?> charsetOf)
    {
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            if (!TryGetEncoding(charsetOf(part), out var encoding))
            {
                encoding = Encoding.UTF8;
            }

            var value = encoding.GetString(part.Bytes);
            fields[part.Name] = fields.TryGetValue(part.Name, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
        }

        return new FormCollection(fields);
    }

    /// <summary>
    /// A read-only view of a request body that fails once more than its limit has been read: the handler's own cut-off,
    /// which does not depend on the server honouring <c>IHttpMaxRequestBodySizeFeature</c>.
    /// </summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public bool LimitExceeded { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Allowed(count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Never asks for more than one byte past the limit, so nothing much beyond it is read.</summary>
        private int Allowed(int count) => (int)Math.Min(count, Math.Max(1, limit + 1 - _read));

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                LimitExceeded = true;
                throw new InvalidDataException("The request body is larger than the limit.");
            }

            return read;
        }
    }
}
