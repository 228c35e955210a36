# Subscribes the blob trigger to blob-created events under connections/.
# Flex Consumption runs blob triggers only with the Event Grid source, and the subscription's webhook needs the
# blob extension's system key, which exists only once the code is deployed: hence a post-deploy hook, not Bicep.
# Idempotent: `event-subscription create` is a create-or-update, so re-running refreshes the endpoint and key.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The [Function] name of the blob trigger in src/GoodwillFlow.Functions (the infra tests hold the two together).
$BlobTriggerFunction = 'ConnectionsUploadFunction'
$SubscriptionName = 'connections-upload'
$SubjectPrefix = '/blobServices/default/containers/connections/'
$Attempts = 12
$WaitSeconds = 10

function Fail([string] $message) {
    Write-Host "postdeploy: $message" -ForegroundColor Red
    exit 1
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    Fail "the Azure CLI (az) is not on PATH; install it, run 'az login', then 'azd hooks run postdeploy'."
}
az account show --output none 2>$null
if ($LASTEXITCODE -ne 0) {
    Fail "the Azure CLI is not signed in; run 'az login' (azd's sign-in is separate), then 'azd hooks run postdeploy'."
}

# azd passes the provisioning outputs to hooks as environment variables.
foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if ([string]::IsNullOrEmpty([Environment]::GetEnvironmentVariable($name))) {
        Fail "$name is not set; run 'azd provision' first."
    }
}
$resourceGroup = $env:AZURE_RESOURCE_GROUP
$appName = $env:AZURE_FUNCTION_APP_NAME
$topicName = $env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME

$appHost = az functionapp show --resource-group $resourceGroup --name $appName --query defaultHostName --output tsv
if ($LASTEXITCODE -ne 0 -or [string]::IsNullOrEmpty($appHost)) {
    Fail "cannot read the host name of function app $appName in $resourceGroup."
}

# Key Vault references: one that failed to resolve at start (typically the identity's role not yet propagated) stays
# unresolved for up to a day, and the app then runs without its reply-link signing key. Ask the platform for their
# status and restart the app, which makes it resolve them again.
$appId = az functionapp show --resource-group $resourceGroup --name $appName --query id --output tsv
if ($LASTEXITCODE -ne 0 -or [string]::IsNullOrEmpty($appId)) {
    Fail "cannot read the resource id of function app $appName."
}
function Get-UnresolvedReferences {
    $names = az rest --method get --uri "$appId/config/configreferences/appsettings?api-version=2024-11-01" `
        --query "value[?properties.status!='Resolved'].name" --output tsv 2>$null
    @($names | Where-Object { -not [string]::IsNullOrWhiteSpace($_) })
}
$unresolved = Get-UnresolvedReferences
for ($attempt = 1; $attempt -le $Attempts -and $unresolved.Count -gt 0; $attempt++) {
    Write-Host "postdeploy: Key Vault reference(s) not resolved: $($unresolved -join ', ') - restarting the app ($attempt/$Attempts)..."
    az functionapp restart --resource-group $resourceGroup --name $appName --output none
    if ($LASTEXITCODE -ne 0) { Fail "cannot restart function app $appName." }
    Start-Sleep -Seconds $WaitSeconds
    $unresolved = Get-UnresolvedReferences
}
if ($unresolved.Count -gt 0) {
    Write-Warning "postdeploy: Key Vault reference(s) still unresolved: $($unresolved -join ', '). Check that the app's identity has 'Key Vault Secrets User' on the vault, then run 'az functionapp restart' (the app answers 503 naming the setting until then)."
} else {
    Write-Host "postdeploy: every Key Vault reference of $appName is resolved."
}

# The host creates the key when it first indexes the blob trigger, shortly after the deployment starts it.
$key = ''
for ($attempt = 1; $attempt -le $Attempts; $attempt++) {
    $key = az functionapp keys list --resource-group $resourceGroup --name $appName `
        --query systemKeys.blobs_extension --output tsv 2>$null
    if ($LASTEXITCODE -eq 0 -and -not [string]::IsNullOrEmpty($key)) { break }
    $key = ''
    Write-Host "postdeploy: waiting for the blob extension key ($attempt/$Attempts)..."
    Start-Sleep -Seconds $WaitSeconds
}
if ([string]::IsNullOrEmpty($key)) {
    Fail "no blobs_extension system key on $appName. Is the $BlobTriggerFunction blob trigger deployed and the app running? Check its logs in Application Insights, then run 'azd hooks run postdeploy'."
}

$endpoint = "https://$appHost/runtime/webhooks/blobs?functionName=Host.Functions.$BlobTriggerFunction&code=$key"
# az is az.cmd on Windows, so cmd.exe parses the arguments again and would cut the URL at '&': pass it quoted.
$endpointArgument = '"{0}"' -f $endpoint

# Event Grid validates the webhook with a handshake the app answers; a cold start can miss the first one.
for ($attempt = 1; $attempt -le $Attempts; $attempt++) {
    az eventgrid system-topic event-subscription create `
        --name $SubscriptionName `
        --resource-group $resourceGroup `
        --system-topic-name $topicName `
        --endpoint-type webhook `
        --endpoint $endpointArgument `
        --included-event-types Microsoft.Storage.BlobCreated `
        --subject-begins-with $SubjectPrefix `
        --output none
    if ($LASTEXITCODE -eq 0) {
        Write-Host "postdeploy: uploads to the connections container now start $BlobTriggerFunction (Event Grid subscription $SubscriptionName)."
        exit 0
    }
    Write-Host "postdeploy: Event Grid could not validate the webhook yet ($attempt/$Attempts); retrying..."
    Start-Sleep -Seconds $WaitSeconds
}
Fail "could not create Event Grid subscription $SubscriptionName on $topicName. Check that $appName is running, then run 'azd hooks run postdeploy'."
