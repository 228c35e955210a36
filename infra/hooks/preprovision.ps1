# Pins the generated secrets in the azd environment before the first provision, and records whether the signed-in
# account is a user or a service principal (AZURE_PRINCIPAL_TYPE) for the role assignments.
# main.bicep can generate them (newGuid() defaults), but a default is re-evaluated on every deployment: without
# this hook each `azd up` would invalidate the reply links in prompts already sent and the Inbound Parse URL
# configured in SendGrid. The values live in .azure/<env>/.env (git-ignored) and in Key Vault.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

if (-not (Get-Command azd -ErrorAction SilentlyContinue)) {
    Write-Error 'preprovision: the Azure Developer CLI (azd) is not on PATH.'
    exit 1
}

function Get-RandomBytes([int] $count) {
    [System.Security.Cryptography.RandomNumberGenerator]::GetBytes($count)
}

# azd passes the environment's values to hooks as environment variables.
if ([string]::IsNullOrEmpty($env:REPLY_SIGNING_KEY)) {
    azd env set REPLY_SIGNING_KEY ([Convert]::ToBase64String((Get-RandomBytes 48)))
    if ($LASTEXITCODE -ne 0) { Write-Error 'preprovision: azd env set REPLY_SIGNING_KEY failed.'; exit 1 }
    Write-Host 'preprovision: generated REPLY_SIGNING_KEY (48 random bytes) for this environment.'
}

if ([string]::IsNullOrEmpty($env:INBOUND_SECRET)) {
    azd env set INBOUND_SECRET ([Convert]::ToHexString((Get-RandomBytes 24)).ToLowerInvariant())
    if ($LASTEXITCODE -ne 0) { Write-Error 'preprovision: azd env set INBOUND_SECRET failed.'; exit 1 }
    Write-Host 'preprovision: generated INBOUND_SECRET for this environment.'
}

# Role assignments name the principal's type; 'User' for a service principal (azd signed in from CI) fails with
# UnmatchedPrincipalType. Older azd versions do not set AZURE_PRINCIPAL_TYPE, so derive it from the signed-in account.
if ([string]::IsNullOrEmpty($env:AZURE_PRINCIPAL_TYPE)) {
    $accountType = ''
    if (Get-Command az -ErrorAction SilentlyContinue) {
        $accountType = (az account show --query user.type --output tsv 2>$null)
        if ($LASTEXITCODE -ne 0) { $accountType = '' }
    }
    $principalType = switch ("$accountType".Trim()) {
        'servicePrincipal' { 'ServicePrincipal' }
        'user' { 'User' }
        # No Azure CLI sign-in to ask: a pipeline signs azd in with a client id, a person does not.
        default { if ([string]::IsNullOrEmpty($env:AZURE_CLIENT_ID)) { 'User' } else { 'ServicePrincipal' } }
    }
    azd env set AZURE_PRINCIPAL_TYPE $principalType
    if ($LASTEXITCODE -ne 0) { Write-Error 'preprovision: azd env set AZURE_PRINCIPAL_TYPE failed.'; exit 1 }
    Write-Host "preprovision: signed in as a $principalType; set AZURE_PRINCIPAL_TYPE=$principalType."
}
