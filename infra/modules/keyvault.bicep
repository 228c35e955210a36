@description('Name of the Key Vault (3 to 24 characters).')
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object

@description('Name of the app\'s user-assigned identity; it may read secrets (Key Vault references resolve through it).')
param identityName string

@description('Principal id of the person or pipeline running azd; empty to skip. They may manage secrets (to read the inbound secret or rotate keys).')
param userPrincipalId string

@description('Principal type of userPrincipalId.')
@allowed([
  'User'
  'ServicePrincipal'
])
param userPrincipalType string

@description('Whether a SendGrid API key was given (the key itself stays in sendgridApiKey).')
param hasSendgridApiKey bool

@secure()
@description('SendGrid API key; stored only when hasSendgridApiKey.')
param sendgridApiKey string

@description('Whether an SMTP password was given.')
param hasSmtpPassword bool

@secure()
@description('SMTP password; stored only when hasSmtpPassword.')
param smtpPassword string

@description('Whether an IMAP password was given.')
param hasImapPassword bool

@secure()
@description('IMAP password; stored only when hasImapPassword.')
param imapPassword string

@secure()
@description('Reply-token signing key, base64 of at least 32 bytes.')
param replySigningKey string

@secure()
@description('Secret path segment of the Inbound Parse webhook.')
param inboundSecret string

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // Purge protection stays off so `azd down --purge` can free the name; the secrets here can be regenerated.
    publicNetworkAccess: 'Enabled'
  }
}

resource sendgridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (hasSendgridApiKey) {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendgridApiKey
    contentType: 'text/plain'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (hasSmtpPassword) {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
    contentType: 'text/plain'
  }
}

resource imapPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (hasImapPassword) {
  parent: vault
  name: 'imap-password'
  properties: {
    value: imapPassword
    contentType: 'text/plain'
  }
}

resource replySigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'reply-signing-key'
  properties: {
    value: replySigningKey
    contentType: 'base64'
  }
}

resource inboundSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'inbound-secret'
  properties: {
    value: inboundSecret
    contentType: 'text/plain'
  }
}

resource identitySecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource userSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(vault.id, userPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

@description('Name of the vault.')
output name string = vault.name

// Versionless URIs: the app always reads the current version, so re-provisioning or a manual rotation takes effect.
@description('Key Vault reference for the SendGrid API key, or empty when no key was given.')
output sendgridApiKeyReference string = !hasSendgridApiKey
  ? ''
  : '@Microsoft.KeyVault(SecretUri=${sendgridApiKeySecret!.properties.secretUri})'

@description('Key Vault reference for the reply-token signing key.')
output replySigningKeyReference string = '@Microsoft.KeyVault(SecretUri=${replySigningKeySecret.properties.secretUri})'

@description('Key Vault reference for the Inbound Parse path segment.')
output inboundSecretReference string = '@Microsoft.KeyVault(SecretUri=${inboundSecretSecret.properties.secretUri})'

@description('Key Vault reference for the SMTP password, or empty when none was given.')
output smtpKeyVaultReference string = !hasSmtpPassword
  ? ''
  : '@Microsoft.KeyVault(SecretUri=${smtpPasswordSecret!.properties.secretUri})'

@description('Key Vault reference for the IMAP password, or empty when none was given.')
output imapKeyVaultReference string = !hasImapPassword
  ? ''
  : '@Microsoft.KeyVault(SecretUri=${imapPasswordSecret!.properties.secretUri})'
