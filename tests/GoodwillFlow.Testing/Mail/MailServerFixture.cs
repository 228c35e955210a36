using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GoodwillFlow.Workflow.Email;
using Xunit;

namespace GoodwillFlow.Testing.Mail;

/// <summary>
/// A real mail server on 127.0.0.1 for one test class: npm's <c>smtp-server</c> (STARTTLS and implicit TLS, AUTH)
/// delivering into Maildirs that Debian's dovecot serves over IMAP (STARTTLS and IMAPS), with a self-signed
/// certificate the clients pin by thumbprint. Installs what is missing: dovecot-imapd with apt (as root, like
/// <c>.ci/run</c> does for Chromium), smtp-server with npm into the user's cache. Users: <see cref="Owner"/> and
/// <see cref="Stranger"/>, both at <see cref="Domain"/>.
/// </summary>
public sealed class MailServerFixture : IAsyncLifetime
{
    /// <summary>The pinned npm version of smtp-server.</summary>
    public const string SmtpServerVersion = "3.21.6";

    /// <summary>The mail domain of the test users.</summary>
    public const string Domain = "goodwill.test";

    /// <summary>The owner's login (and local part).</summary>
    public const string Owner = "owner";

    /// <summary>Another mailbox, for mail that must be ignored.</summary>
    public const string Stranger = "stranger";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "goodwill-mail-" + Guid.NewGuid().ToString("N")[..10]);
    private Process? _dovecot;
    private Process? _smtp;

    /// <summary>Gets the password of every test user (random per run).</summary>
    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>Gets the owner's address.</summary>
    public static string OwnerAddress => $"{Owner}@{Domain}";

    /// <summary>Gets the stranger's address.</summary>
    public static string StrangerAddress => $"{Stranger}@{Domain}";

    /// <summary>Gets the SMTP port that offers STARTTLS.</summary>
    public int SmtpPort { get; private set; }

    /// <summary>Gets the SMTP port with implicit TLS.</summary>
    public int SmtpsPort { get; private set; }

    /// <summary>Gets the IMAP port that offers STARTTLS.</summary>
    public int ImapPort { get; private set; }

    /// <summary>Gets the IMAPS port.</summary>
    public int ImapsPort { get; private set; }

    /// <summary>Gets the SHA-256 thumbprint of the servers' self-signed certificate.</summary>
    public string Thumbprint { get; private set; } = "";

    /// <summary>Gets the owner's Maildir (what dovecot serves).</summary>
    public string OwnerMaildir => Path.Combine(_root, "home", Owner, "Maildir");

    /// <summary>SMTP settings for <paramref name="user"/> on the STARTTLS (default) or implicit-TLS port.</summary>
    public MailServer Smtp(string user = Owner, bool implicitTls = false, string? password = null) =>
        new("127.0.0.1", implicitTls ? SmtpsPort : SmtpPort, implicitTls ? MailSecurity.ImplicitTls : MailSecurity.StartTls,
            user, password ?? Password, TimeSpan.FromSeconds(20), Thumbprint);

    /// <summary>IMAP settings for <paramref name="user"/> on the STARTTLS (default) or implicit-TLS port.</summary>
    public MailServer Imap(string user = Owner, bool implicitTls = false) =>
        new("127.0.0.1", implicitTls ? ImapsPort : ImapPort, implicitTls ? MailSecurity.ImplicitTls : MailSecurity.StartTls,
            user, Password, TimeSpan.FromSeconds(20), Thumbprint);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var dovecot = await EnsureDovecotAsync(timeout.Token);
        var relay = await EnsureSmtpServerAsync(timeout.Token);
        Directory.CreateDirectory(_root);
        var (certificate, key) = WriteCertificate();
        var home = Path.Combine(_root, "home");
        foreach (var user in new[] { Owner, Stranger })
        {
            foreach (var sub in new[] { "tmp", "new", "cur" })
            {
                Directory.CreateDirectory(Path.Combine(home, user, "Maildir", sub));
            }
        }

        // dovecot reads and writes the Maildirs as "nobody" (it refuses root): open them up.
        await RunAsync("chmod", ["-R", "a+rwX", home], timeout.Token);

        for (var attempt = 1; ; attempt++)
        {
            (SmtpPort, SmtpsPort, ImapPort, ImapsPort) = (FreePort(), FreePort(), FreePort(), FreePort());
            var users = Path.Combine(_root, "users");
            await File.WriteAllLinesAsync(users, [$"{Owner}:{{PLAIN}}{Password}", $"{Stranger}:{{PLAIN}}{Password}"], timeout.Token);
            var config = Path.Combine(_root, "dovecot.conf");
            await File.WriteAllTextAsync(config, DovecotConfig(home, users, certificate, key), timeout.Token);
            _dovecot = Start(dovecot, ["-F", "-c", config]);

            var relayConfig = Path.Combine(_root, "smtp.json");
            await File.WriteAllTextAsync(relayConfig, JsonSerializer.Serialize(new
            {
                startTlsPort = SmtpPort,
                implicitTlsPort = SmtpsPort,
                cert = certificate,
                key,
                home,
                users = new Dictionary<string, string> { [Owner] = Password, [Stranger] = Password },
            }), timeout.Token);
            _smtp = Start("node", [Path.Combine(AppContext.BaseDirectory, "Mail", "smtp-relay.js"), relayConfig], Path.GetDirectoryName(Path.GetDirectoryName(relay))!);
            if (await WaitForPortsAsync(timeout.Token))
            {
                return;
            }

            var errors = await ErrorsAsync();
            await DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException("The test mail server did not start: " + errors);
            }
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var process in new[] { _smtp, _dovecot })
        {
            if (process is null)
            {
                continue;
            }

            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        (_smtp, _dovecot) = (null, null);
    }

    private string DovecotConfig(string home, string users, string certificate, string key) => $$"""
        protocols = imap
        listen = 127.0.0.1
        base_dir = {{_root}}/run
        state_dir = {{_root}}/state
        log_path = {{_root}}/dovecot.log
        ssl = yes
        ssl_cert = <{{certificate}}
        ssl_key = <{{key}}
        ssl_min_protocol = TLSv1.2
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        mail_location = maildir:~/Maildir
        first_valid_uid = 1
        passdb {
          driver = passwd-file
          args = username_format=%n {{users}}
        }
        userdb {
          driver = static
          args = uid=65534 gid=65534 home={{home}}/%n
        }
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port = {{ImapPort}}
          }
          inet_listener imaps {
            address = 127.0.0.1
            port = {{ImapsPort}}
            ssl = yes
          }
        }
        """;

    private (string Certificate, string Key) WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=goodwill-test-mail", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var certificatePath = Path.Combine(_root, "cert.pem");
        var keyPath = Path.Combine(_root, "key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    private static async Task<string> EnsureDovecotAsync(CancellationToken cancellationToken)
    {
        const string dovecot = "/usr/sbin/dovecot";
        if (File.Exists(dovecot) && File.Exists("/usr/lib/dovecot/imap"))
        {
            return dovecot;
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("The mail tests need dovecot-imapd: run `apt-get install dovecot-imapd` as root (CI installs it in .ci/run).");
        }

        // apt's lock may be held by another install: wait and retry.
        for (var attempt = 1; ; attempt++)
        {
            var (code, output) = await RunAsync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dovecot-imapd"], cancellationToken);
            if (code == 0 && File.Exists(dovecot))
            {
                // The package starts the system dovecot on 143/993; this fixture runs its own on free ports.
                await RunAsync("sh", ["-c", "service dovecot stop || true"], cancellationToken);
                return dovecot;
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException("apt-get could not install dovecot-imapd: " + output.Trim().Split('\n')[^1]);
            }

            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        }
    }

    private static async Task<string> EnsureSmtpServerAsync(CancellationToken cancellationToken)
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var folder = Path.Combine(cache, "goodwillflow", $"smtp-server-{SmtpServerVersion}");
        var package = Path.Combine(folder, "node_modules", "smtp-server", "package.json");
        if (File.Exists(package))
        {
            return package;
        }

        Directory.CreateDirectory(folder);
        for (var attempt = 1; ; attempt++)
        {
            var (code, output) = await RunAsync("npm", ["install", "--prefix", folder, "--no-audit", "--no-fund", "--silent", $"smtp-server@{SmtpServerVersion}"], cancellationToken);
            if (code == 0 && File.Exists(package))
            {
                return package;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"npm could not install smtp-server@{SmtpServerVersion}: {output.Trim()}");
            }
        }
    }

    private async Task<bool> WaitForPortsAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_dovecot!.HasExited || _smtp!.HasExited)
            {
                return false;
            }

            var open = 0;
            foreach (var port in new[] { SmtpPort, SmtpsPort, ImapPort, ImapsPort })
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    open++;
                }
                catch (SocketException)
                {
                    break;
                }
            }

            if (open == 4)
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    private async Task<string> ErrorsAsync()
    {
        var log = Path.Combine(_root, "dovecot.log");
        var text = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
        foreach (var process in new[] { _dovecot, _smtp })
        {
            if (process is { HasExited: true })
            {
                text += await process.StandardError.ReadToEndAsync();
            }
        }

        return text.Length > 2000 ? text[^2000..] : text;
    }

    private static Process Start(string file, string[] arguments, string? nodePath = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (nodePath is not null)
        {
            start.Environment["NODE_PATH"] = nodePath;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        using var process = Start(file, arguments);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
