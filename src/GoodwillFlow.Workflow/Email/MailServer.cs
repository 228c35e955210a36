using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Security;

namespace GoodwillFlow.Workflow.Email;

/// <summary>How a mail connection (SMTP or IMAP) is protected.</summary>
public enum MailSecurity
{
    /// <summary>Implicit TLS on the well-known TLS ports (465, 993), STARTTLS (required) on any other port.</summary>
    Auto,

    /// <summary>Connect in plain text and upgrade with STARTTLS; refuse a server that does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS on 465, IMAPS on 993).</summary>
    ImplicitTls,

    /// <summary>No TLS at all: only for a server on this machine (127.0.0.1); refused for any other host.</summary>
    None,
}

/// <summary>Where and how to reach one mail server; built from <c>EmailOptions</c> (SMTP) or <c>MailboxOptions</c> (IMAP).</summary>
/// <param name="Host">Host name.</param>
/// <param name="Port">Port, or 0 for the protocol's default for <paramref name="Security"/>.</param>
/// <param name="Security">TLS mode.</param>
/// <param name="User">Login name, or empty for no authentication.</param>
/// <param name="Password">Password (an app password for Gmail or Outlook); never logged.</param>
/// <param name="Timeout">Timeout of each network operation.</param>
/// <param name="CertificateThumbprint">
/// SHA-1 or SHA-256 thumbprint (hex) of a self-signed server certificate to trust; empty to trust only certificates
/// that chain to a trusted root and match the host.
/// </param>
public sealed record MailServer(
    string Host,
    int Port,
    MailSecurity Security,
    string? User,
    string? Password,
    TimeSpan Timeout,
    string? CertificateThumbprint)
{
    /// <summary>Connects and, when a user is set, logs in.</summary>
    /// <param name="client">A MailKit <c>SmtpClient</c> or <c>ImapClient</c>.</param>
    /// <param name="implicitTlsPort">The protocol's implicit-TLS port (465 or 993).</param>
    /// <param name="startTlsPort">The protocol's plain/STARTTLS port (587 or 143).</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    public async Task ConnectAsync(IMailService client, int implicitTlsPort, int startTlsPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (Security == MailSecurity.None && !IsLoopback(Host))
        {
            throw new AuthenticationException($"Refusing to send a password in plain text to {Host}: choose StartTls or ImplicitTls (Security None is for 127.0.0.1 only).");
        }

        client.Timeout = (int)Math.Clamp(Timeout.TotalMilliseconds, 1000, int.MaxValue);
        client.CheckCertificateRevocation = string.IsNullOrWhiteSpace(CertificateThumbprint);
        client.ServerCertificateValidationCallback = ValidateCertificate;
        var implicitTls = Security == MailSecurity.ImplicitTls || (Security == MailSecurity.Auto && Port == implicitTlsPort);
        var port = Port > 0 ? Port : implicitTls ? implicitTlsPort : startTlsPort;
        var options = Security switch
        {
            MailSecurity.None => SecureSocketOptions.None,
            _ when implicitTls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(Host, port, options, cancellationToken);
        if (!string.IsNullOrEmpty(User))
        {
            await client.AuthenticateAsync(User, Password ?? "", cancellationToken);
        }
    }

    /// <summary>Returns the problem with these settings in words for the owner, naming <paramref name="prefix"/> settings, or null.</summary>
    public string? Problem(string prefix)
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            return $"{prefix}Host is not set.";
        }

        if (Port is < 0 or > 65535)
        {
            return $"{prefix}Port must be between 1 and 65535 (or 0 for the default).";
        }

        if (!string.IsNullOrEmpty(User) && string.IsNullOrEmpty(Password))
        {
            return $"{prefix}User is set but the password is not: set {prefix}Password (GOODWILL_*_PASSWORD locally, a Key Vault reference in Azure).";
        }

        return Security == MailSecurity.None && !IsLoopback(Host)
            ? $"{prefix}Security is None, which is only allowed for a server on 127.0.0.1: choose StartTls or ImplicitTls."
            : null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port} ({Security})";

    private static bool IsLoopback(string host) =>
        host is "localhost" || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || string.IsNullOrWhiteSpace(CertificateThumbprint))
        {
            return false;
        }

        // A pinned self-signed certificate (a home server, the tests' dovecot): exact thumbprint, nothing else.
        using var x509 = new X509Certificate2(certificate);
        var wanted = CertificateThumbprint.Replace(":", "", StringComparison.Ordinal).Trim();
        return string.Equals(x509.Thumbprint, wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(x509.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), wanted, StringComparison.OrdinalIgnoreCase);
    }
}
