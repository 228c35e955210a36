using GoodwillFlow.Infra.Tests.Infrastructure;

namespace GoodwillFlow.Infra.Tests;

/// <summary>The shell hooks run for real against stub az and azd commands.</summary>
public sealed class HookScriptTests : IDisposable
{
    private const string Host = "func-abc123.azurewebsites.net";
    private const string Key = "blob-extension-key-value";

    private readonly HookRunner _hooks = new();

    private static Dictionary<string, string> Provisioned => new()
    {
        ["AZURE_RESOURCE_GROUP"] = "rg-goodwill",
        ["AZURE_FUNCTION_APP_NAME"] = "func-abc123",
        ["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"] = "evgst-abc123",
        ["STUB_HOST"] = Host,
        ["STUB_KEY"] = Key,
    };

    [Fact]
    public async Task Post_deploy_subscribes_uploads_to_the_blob_trigger_webhook_with_the_extension_key()
    {
        var run = await _hooks.RunAsync("postdeploy.sh", Provisioned);

        Assert.True(run.ExitCode == 0, run.StandardError);
        var subscribe = Assert.Single(run.Calls, c => c.Take(3).SequenceEqual(["eventgrid", "system-topic", "event-subscription"]));
        Assert.Equal("create", subscribe[3]);
        Assert.Equal("rg-goodwill", After(subscribe, "--resource-group"));
        Assert.Equal("evgst-abc123", After(subscribe, "--system-topic-name"));
        Assert.Equal("webhook", After(subscribe, "--endpoint-type"));
        Assert.Equal($"https://{Host}/runtime/webhooks/blobs?functionName=Host.Functions.ConnectionsUploadFunction&code={Key}", After(subscribe, "--endpoint"));
        Assert.Equal("Microsoft.Storage.BlobCreated", After(subscribe, "--included-event-types"));
        Assert.Equal("/blobServices/default/containers/connections/", After(subscribe, "--subject-begins-with"));
        Assert.DoesNotContain(Key, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_deploy_run_twice_makes_the_same_single_subscription()
    {
        var first = await _hooks.RunAsync("postdeploy.sh", Provisioned);
        var second = await _hooks.RunAsync("postdeploy.sh", Provisioned);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(first.Calls, second.Calls);
    }

    [Theory]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_EVENTGRID_SYSTEM_TOPIC_NAME")]
    public async Task Post_deploy_names_a_missing_provisioning_output(string missing)
    {
        var environment = Provisioned;
        environment.Remove(missing);

        var run = await _hooks.RunAsync("postdeploy.sh", environment);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"{missing} is not set; run 'azd provision' first.", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls, c => c.FirstOrDefault() == "eventgrid");
    }

    [Fact]
    public async Task Post_deploy_explains_a_missing_extension_key_after_retrying()
    {
        var environment = Provisioned;
        environment["STUB_KEY"] = "";

        var run = await _hooks.RunAsync("postdeploy.sh", environment);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no blobs_extension system key on func-abc123", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("azd hooks run postdeploy", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(12, run.Calls.Count(c => c.Take(2).SequenceEqual(["functionapp", "keys"])));
    }

    [Fact]
    public async Task Post_deploy_asks_for_az_login_when_the_azure_cli_is_signed_out()
    {
        var environment = Provisioned;
        environment["STUB_ACCOUNT_EXIT"] = "1";

        var run = await _hooks.RunAsync("postdeploy.sh", environment);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("run 'az login'", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_deploy_retries_while_event_grid_cannot_validate_the_webhook_then_says_so()
    {
        var environment = Provisioned;
        environment["STUB_EVENTGRID_EXIT"] = "1";

        var run = await _hooks.RunAsync("postdeploy.sh", environment);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(12, run.Calls.Count(c => c.FirstOrDefault() == "eventgrid"));
        Assert.Contains("could not create Event Grid subscription connections-upload", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pre_provision_generates_a_signing_key_and_inbound_secret_once()
    {
        var run = await _hooks.RunAsync("preprovision.sh", new Dictionary<string, string>());

        Assert.True(run.ExitCode == 0, run.StandardError);
        var key = Assert.Single(run.Calls, c => c.Take(3).SequenceEqual(["env", "set", "REPLY_SIGNING_KEY"]))[3];
        Assert.Equal(48, Convert.FromBase64String(key).Length);
        var secret = Assert.Single(run.Calls, c => c.Take(3).SequenceEqual(["env", "set", "INBOUND_SECRET"]))[3];
        Assert.Matches("^[0-9a-f]{48}$", secret);
        Assert.DoesNotContain(key, run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pre_provision_keeps_values_already_pinned_so_sent_links_keep_working()
    {
        var run = await _hooks.RunAsync("preprovision.sh", new Dictionary<string, string>
        {
            ["REPLY_SIGNING_KEY"] = Convert.ToBase64String(new byte[48]),
            ["INBOUND_SECRET"] = "pinned",
            ["AZURE_PRINCIPAL_TYPE"] = "User",
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Calls);
    }

    [Theory]
    [InlineData("user", "User")]
    [InlineData("servicePrincipal", "ServicePrincipal")]
    public async Task Pre_provision_records_the_signed_in_account_type_for_role_assignments(string accountType, string principalType)
    {
        var run = await _hooks.RunAsync("preprovision.sh", new Dictionary<string, string> { ["STUB_ACCOUNT_TYPE"] = accountType });

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(principalType, Assert.Single(run.Calls, c => c.Take(3).SequenceEqual(["env", "set", "AZURE_PRINCIPAL_TYPE"]))[3]);
    }

    [Theory]
    [InlineData("", "User")]
    [InlineData("00000000-0000-0000-0000-000000000001", "ServicePrincipal")]
    public async Task Pre_provision_without_an_azure_cli_sign_in_takes_a_pipeline_client_id_as_a_service_principal(string clientId, string principalType)
    {
        var run = await _hooks.RunAsync("preprovision.sh", new Dictionary<string, string> { ["STUB_ACCOUNT_EXIT"] = "1", ["AZURE_CLIENT_ID"] = clientId });

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(principalType, Assert.Single(run.Calls, c => c.Take(3).SequenceEqual(["env", "set", "AZURE_PRINCIPAL_TYPE"]))[3]);
    }

    [Fact]
    public async Task Post_deploy_restarts_the_app_when_a_key_vault_reference_is_unresolved()
    {
        var run = await _hooks.RunAsync("postdeploy.sh", Outputs(("STUB_UNRESOLVED", "ReplyLinks__SigningKey")));

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Single(run.Calls, c => c.Take(2).SequenceEqual(["functionapp", "restart"]));
        Assert.Contains("ReplyLinks__SigningKey", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("every Key Vault reference", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_deploy_leaves_a_resolved_app_alone()
    {
        var run = await _hooks.RunAsync("postdeploy.sh", Outputs());

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.DoesNotContain(run.Calls, c => c.Take(2).SequenceEqual(["functionapp", "restart"]));
    }

    [Fact]
    public async Task Post_deploy_names_a_reference_that_stays_unresolved_and_still_subscribes_uploads()
    {
        var run = await _hooks.RunAsync("postdeploy.sh", Outputs(("STUB_UNRESOLVED", "Email__SendGridApiKey"), ("STUB_UNRESOLVED_ALWAYS", "1")));

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("still unresolved: Email__SendGridApiKey", run.StandardError, StringComparison.Ordinal);
        Assert.Contains(run.Calls, c => c.FirstOrDefault() == "eventgrid");
    }

    public void Dispose() => _hooks.Dispose();

    private static Dictionary<string, string> Outputs(params (string Key, string Value)[] extra)
    {
        var environment = Provisioned;
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static string After(IReadOnlyList<string> call, string option)
    {
        var index = call.ToList().IndexOf(option);
        Assert.True(index >= 0 && index + 1 < call.Count, $"The call has no {option}: {string.Join(' ', call)}");
        return call[index + 1];
    }
}
