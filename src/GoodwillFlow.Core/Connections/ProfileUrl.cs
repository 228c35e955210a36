namespace GoodwillFlow.Core.Connections;

/// <summary>
/// Normalises LinkedIn profile URLs so that the forms one profile takes across exports and re-saves compare equal.
/// </summary>
public static class ProfileUrl
{
    private const string LinkedInHost = "linkedin.com";

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
        var rest = url.AsSpan().Trim();

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
        var host = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? [] : rest[slash..].TrimEnd('/');

        var isLinkedIn = host.Equals(LinkedInHost, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + LinkedInHost, StringComparison.OrdinalIgnoreCase);
        if (isLinkedIn)
        {
            host = LinkedInHost;
        }
        else if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }

        string? decoded = null;
        if (path.Contains('%'))
        {
            // Decoding can expose a trailing slash that was encoded as %2F.
            decoded = Uri.UnescapeDataString(path.ToString()).TrimEnd('/');
            path = decoded;
        }

        return Lower(host, path, lowerPath: isLinkedIn);
    }

    private static string Lower(ReadOnlySpan<char> host, ReadOnlySpan<char> path, bool lowerPath)
    {
        var length = host.Length + path.Length;
        Span<char> buffer = length <= 256 ? stackalloc char[length] : new char[length];
        host.ToLowerInvariant(buffer);
        if (lowerPath)
        {
            path.ToLowerInvariant(buffer[host.Length..]);
        }
        else
        {
            path.CopyTo(buffer[host.Length..]);
        }

        return new string(buffer);
    }

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
