using System.CommandLine;
using GoodwillFlow.Cli.Commands;

namespace GoodwillFlow.Cli.Tests.Mail;

public sealed class MailServerOptionsTests
{
    [Fact]
    public async Task Smtp_and_imap_options_become_settings_with_the_password_from_the_environment()
    {
        var (command, mail) = Command();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var secret = "app-pass-" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(MailServerOptions.SmtpPasswordVariable, secret);
        try
        {
            var settings = await mail.ToSettingsAsync(
                command.Parse(["--smtp-host", "smtp.gmail.com", "--smtp-user", "me@gmail.com", "--imap-host", "imap.gmail.com", "--imap-move-to", "GoodwillFlow"]),
                error,
                output);

            Assert.NotNull(settings);
            Assert.Equal("Smtp", settings["Email:Provider"]);
            Assert.Equal("smtp.gmail.com", settings["Email:SmtpHost"]);
            Assert.Equal("me@gmail.com", settings["Email:FromAddress"]);
            Assert.Equal(secret, settings["Email:SmtpPassword"]);
            Assert.Equal("imap.gmail.com", settings["Mailbox:ImapHost"]);
            Assert.Equal("me@gmail.com", settings["Mailbox:ImapUser"]);
            Assert.Equal(secret, settings["Mailbox:ImapPassword"]);
            Assert.Equal("GoodwillFlow", settings["Mailbox:MoveToFolder"]);
            Assert.Equal("me@gmail.com", settings["Email:ReplyAddress"]);
            Assert.DoesNotContain(secret, output.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(MailServerOptions.SmtpPasswordVariable, null);
        }
    }

    [Fact]
    public void A_password_cannot_be_given_on_the_command_line_where_the_shell_history_would_keep_it()
    {
        var (command, _) = Command();

        var result = command.Parse(["--smtp-host", "smtp.gmail.com", "--smtp-password", "hunter2"]);

        Assert.NotEmpty(result.Errors);
    }

    private static (Command Command, MailServerOptions Mail) Command()
    {
        var command = new Command("run");
        var mail = new MailServerOptions();
        mail.AddTo(command);
        return (command, mail);
    }
}
