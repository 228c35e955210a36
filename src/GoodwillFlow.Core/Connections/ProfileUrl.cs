using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace GoodwillFlow.Core.Connections;

/// <summary>
/// Normalises LinkedIn profile URLs so that the forms one profile takes across exports and re-saves compare equal.
/// </summary>
public static class ProfileUrl
{
    private const string LinkedInHost = "linkedin.com";
    private const string LinkedInSubdomainSuffix = ".linkedin.com";

    /// <summary>URLs up to this length are normalised on the stack.</summary>
    internal const int StackLimit = 512;

    /// <summary>
    /// Returns the comparable form of a profile URL: no scheme, no query string or fragment, no trailing slash,
    /// percent-encoding decoded, lower case, and any <c>www.</c> (or, for LinkedIn, country) subdomain removed,
    /// for example <c>linkedin.com/in/jane-doe</c>.
    /// </summary>
    /// <remarks>
    /// The path is lower-cased only for LinkedIn hosts, whose public profile addresses are case-insensitive.
    /// Meant for comparison and ids; show the owner the URL as exported.
    /// </remarks>
    public static string Normalise(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var buffer = url.Length <= StackLimit ? stackalloc char[url.Length] : new char[url.Length];
        return new string(buffer[..Normalise(url, buffer)]);
    }

    /// <summary>
    /// Writes the comparable form of <paramref name="url"/> (see <see cref="Normalise(string)"/>) to
    /// <paramref name="destination"/>, which needs room for <paramref name="url"/>'s length (the form is never longer),
    /// and returns the number of characters written.
    /// </summary>
    internal static int Normalise(ReadOnlySpan<char> url, Span<char> destination)
    {
        Split(url, out var host, out var path, out var isLinkedIn);
        if (path.Contains('%'))
        {
            // Decoding never lengthens the path, and can expose a trailing slash that was encoded as %2F.
            path = Uri.UnescapeDataString(path.ToString()).AsSpan().TrimEnd('/');
        }

        host.ToLowerInvariant(destination);
        var target = destination[host.Length..];
        if (isLinkedIn)
        {
            path.ToLowerInvariant(target);
        }
        else
        {
            path.CopyTo(target);
        }

        return host.Length + path.Length;
    }

    /// <summary>
    /// Writes the UTF-8 bytes of <see cref="Normalise(string)"/>'s result straight to <paramref name="destination"/>
    /// (room for <paramref name="url"/>'s length), for the common URL whose host and path are ASCII (percent-encoded
    /// UTF-8, as in accented slugs, included); returns false, having written nothing useful, for any other, which then
    /// takes <see cref="Normalise(string)"/>.
    /// </summary>
    internal static bool TryNormaliseAsciiUtf8(ReadOnlySpan<char> url, Span<byte> destination, out int written)
    {
        written = 0;
        Split(url, out var host, out var path, out var isLinkedIn);
        if (!Ascii.IsValid(host) || !Ascii.IsValid(path))
        {
            return false;
        }

        Ascii.ToLower(host, destination, out var hostBytes);
        var length = hostBytes;
        var decodedNonAscii = false;
        while (!path.IsEmpty)
        {
            // Runs between escapes are copied (and lower-cased) whole, which is vectorised.
            var escape = path.IndexOf('%');
            var run = escape < 0 ? path : path[..escape];
            var status = isLinkedIn
                ? Ascii.ToLower(run, destination[length..], out var runBytes)
                : Ascii.FromUtf16(run, destination[length..], out runBytes);
            if (status != OperationStatus.Done)
            {
                return false;
            }

            length += runBytes;
            if (escape < 0)
            {
                break;
            }

            path = path[escape..];
            if (path.Length > 2 && char.IsAsciiHexDigit(path[1]) && char.IsAsciiHexDigit(path[2]))
            {
                var decoded = (byte)((HexValue(path[1]) << 4) | HexValue(path[2]));
                decodedNonAscii |= decoded >= 0x80;
                destination[length++] = isLinkedIn && decoded < 0x80 ? (byte)char.ToLowerInvariant((char)decoded) : decoded;
                path = path[3..];
            }
            else
            {
                destination[length++] = (byte)'%';
                path = path[1..];
            }
        }

        // %2F decodes to a slash, which the string path trims after decoding too.
        while (length > hostBytes && destination[length - 1] == '/')
        {
            length--;
        }

        if (decodedNonAscii && !TryFinishDecodedUtf8(destination, hostBytes, ref length, isLinkedIn))
        {
            return false;
        }

        written = length;
        return true;
    }

    /// <summary>
    /// Completes a path that had percent-encoded UTF-8 (an accented slug) as the string path would: refuses bytes that
    /// are not valid UTF-8 (which <see cref="Uri.UnescapeDataString(string)"/> leaves encoded) and lower-cases the
    /// non-ASCII letters of LinkedIn paths.
    /// </summary>
    private static bool TryFinishDecodedUtf8(Span<byte> destination, int pathStart, ref int length, bool isLinkedIn)
    {
        var path = destination[pathStart..length];
        if (!Utf8.IsValid(path))
        {
            return false;
        }

        if (!isLinkedIn)
        {
            return true;
        }

        // UTF-8 never has fewer bytes than UTF-16 has chars, and invariant lower-casing keeps the char count.
        Span<char> chars = stackalloc char[StackLimit];
        if (path.Length > chars.Length)
        {
            return false;
        }

        var charCount = Encoding.UTF8.GetChars(path, chars);
        Span<char> lower = stackalloc char[StackLimit];
        var lowerCount = chars[..charCount].ToLowerInvariant(lower);
        // A few letters take more UTF-8 bytes in lower case (U+023A becomes U+2C65).
        if (lowerCount < 0 || Encoding.UTF8.GetByteCount(lower[..lowerCount]) > destination.Length - pathStart)
        {
            return false;
        }

        length = pathStart + Encoding.UTF8.GetBytes(lower[..lowerCount], destination[pathStart..]);
        return true;
    }

    private static void Split(ReadOnlySpan<char> url, out ReadOnlySpan<char> host, out ReadOnlySpan<char> path, out bool isLinkedIn)
    {
        var rest = url.Trim();

        var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && IsScheme(rest[..schemeEnd]))
        {
            rest = rest[(schemeEnd + 3)..];
        }

        var queryStart = rest.IndexOfAny('?', '#');
        if (queryStart >= 0)
        {
            rest = rest[..queryStart];
        }

        var slash = rest.IndexOf('/');
        host = slash < 0 ? rest : rest[..slash];
        path = slash < 0 ? [] : rest[slash..].TrimEnd('/');

        isLinkedIn = host.Equals(LinkedInHost, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(LinkedInSubdomainSuffix, StringComparison.OrdinalIgnoreCase);
        if (isLinkedIn)
        {
            host = LinkedInHost;
        }
        else if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool IsScheme(ReadOnlySpan<char> candidate)
    {
        foreach (var c in candidate)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
