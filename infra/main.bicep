targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or pipeline running azd (azd sets it); they get the data roles to upload exports. Empty to skip.')
param principalId string = ''

@description('Kind of principal behind principalId.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@minLength(3)
@description('The owner\'s email address: prompts and the shortlist go there, and only mail from it counts as a reply.')
param ownerEmail string

@minLength(3)
@description('The sender address, verified in SendGrid (Single Sender or domain authentication).')
param senderEmail string

@minLength(1)
@description('The owner\'s IANA time zone, e.g. Europe/London or America/New_York; prompts go out in the owner\'s daytime.')
param timeZone string

@minValue(1)
@maxValue(50)
@description('Prompts per sending day.')
param promptsPerDay int = 5

@description('Sending days, comma-separated.')
param sendingDays string = 'Mon,Tue,Wed,Thu,Fri'

@description('Local time the daily send window opens, HH:mm.')
param windowStart string = '09:00'

@description('Local time the daily send window closes, HH:mm.')
param windowEnd string = '17:00'

@description('Companies the owner is aiming for, comma-separated; connections there rank higher in the shortlist.')
param targetCompanies string = ''

@description('Role keywords the owner is aiming for, comma-separated.')
param targetRoles string = ''

// An empty default (allowed for a secure parameter) lets `azd up --no-prompt` deploy without email, as the README says.
@secure()
@description('SendGrid API key with Mail Send permission. Empty deploys without email: prompts are written to the instance\'s temporary folder and are not delivered.')
param sendgridApiKey string = ''

// Durable Functions on Flex Consumption: after scale to zero, a timer or queued work waits for the next poll of a
// cold instance. One always-ready instance of the `durable` group removes that delay, at a baseline cost (README).
@minValue(0)
@maxValue(3)
@description('Always-ready instances for the durable group (orchestrations and activities). 0 (the default) scales to zero; each instance is billed around the clock.')
param durableAlwaysReadyInstances int = 0

@description('Optional domain or subdomain whose MX record points at SendGrid Inbound Parse, for reply-by-email. Empty turns reply-by-email off.')
param inboundParseDomain string = ''

@allowed([
  'SendGrid'
  'Smtp'
])
@description('How prompts are sent: SendGrid (its API) or Smtp (the owner\'s own mailbox: Gmail, Outlook, Fastmail...).')
param emailProvider string = 'SendGrid'

@description('SMTP host when emailProvider is Smtp, e.g. smtp.gmail.com.')
param smtpHost string = ''

@description('SMTP port; 0 means 587 (STARTTLS), 465 means implicit TLS.')
param smtpPort string = '0'

@description('SMTP login, usually the owner\'s address; prompts are sent from senderEmail.')
param smtpUser string = ''

@secure()
@description('SMTP password (an app password for Gmail or Outlook). Stored in Key Vault.')
param smtpPassword string

@description('IMAP host to pick emailed replies up from the owner\'s mailbox, e.g. imap.gmail.com. Empty turns the IMAP watcher off.')
param imapHost string = ''

@description('IMAP login, usually the owner\'s address; also the reply-to address of prompts when set.')
param imapUser string = ''

@secure()
@description('IMAP password (an app password). Stored in Key Vault.')
param imapPassword string

@description('The folder the IMAP watcher reads replies from.')
param imapFolder string = 'INBOX'

@description('The folder recorded replies are moved to; empty marks them read where they are.')
param imapMoveToFolder string = ''

// Generated values. newGuid() is allowed only as a parameter default, and Bicep has no random-bytes function:
// two v4 GUIDs carry 244 random bits, so base64 of their text decodes to 72 bytes with more than 32 bytes' worth
// of entropy. A default is evaluated on every deployment, so azd's preprovision hook pins both values in the azd
// environment (REPLY_SIGNING_KEY, INBOUND_SECRET): re-provisioning must not break links in prompts already sent,
// nor the Inbound Parse URL configured in SendGrid.
@secure()
@description('Reply-token signing key, base64 of at least 32 bytes. Generated when not given.')
param replySigningKey string = base64('${newGuid()}${newGuid()}')

@secure()
@description('Secret path segment of the Inbound Parse webhook. Generated when not given.')
param inboundSecret string = '${replace(newGuid(), '-', '')}${replace(newGuid(), '-', '')}'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
var emailEnabled = !empty(sendgridApiKey)

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  dependsOn: [
    identity
  ]
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  dependsOn: [
    identity
  ]
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: [
      'connections'
      'shortlists'
      'rejected'
      deploymentContainerName
    ]
    identityName: identityName
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventGrid'
  scope: rg
  dependsOn: [
    storage
  ]
  params: {
    name: '${abbrs.eventGridSystemTopics}${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storageAccountName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  dependsOn: [
    identity
  ]
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
    userPrincipalId: principalId
    userPrincipalType: principalType
    hasSendgridApiKey: emailEnabled
    sendgridApiKey: sendgridApiKey
    hasSmtpPassword: !empty(smtpPassword)
    smtpPassword: smtpPassword
    hasImapPassword: !empty(imapPassword)
    imapPassword: imapPassword
    replySigningKey: replySigningKey
    inboundSecret: inboundSecret
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    appTags: union(tags, {
      'azd-service-name': 'api'
    })
    identityId: identity.outputs.id
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    instanceMemoryMB: 2048
    maximumInstanceCount: 40
    durableAlwaysReadyInstances: durableAlwaysReadyInstances
    // Every setting the app reads, in one place; the infra tests hold these keys against the options classes.
    // Secrets appear only as Key Vault references, resolved by the platform through the user-assigned identity.
    appSettings: {
      // The Functions host, Durable Functions (task hub GoodwillFlow) and the blob trigger share this identity-based connection.
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      // The identity the app's own SDK clients pick when several are available.
      AZURE_CLIENT_ID: identity.outputs.clientId
      Goodwill__OwnerEmail: ownerEmail
      Goodwill__TimeZone: timeZone
      Goodwill__PromptsPerDay: string(promptsPerDay)
      Goodwill__Days: sendingDays
      Goodwill__WindowStart: windowStart
      Goodwill__WindowEnd: windowEnd
      Goodwill__TargetCompanies: targetCompanies
      Goodwill__TargetRoles: targetRoles
      // Without a SendGrid key the app still runs; prompts go to a throwaway outbox until a key is set.
      Email__Provider: emailProvider == 'Smtp' ? 'Smtp' : (emailEnabled ? 'SendGrid' : 'Outbox')
      Email__SendGridApiKey: keyVault.outputs.sendgridApiKeyReference
      Email__FromAddress: senderEmail
      Email__InboundDomain: inboundParseDomain
      Email__OutboxPath: '/tmp/goodwill-outbox'
      Email__SmtpHost: smtpHost
      Email__SmtpPort: smtpPort
      Email__SmtpUser: smtpUser
      Email__SmtpPassword: keyVault.outputs.smtpKeyVaultReference
      Email__ReplyAddress: empty(imapHost) ? '' : imapUser
      Mailbox__ImapHost: imapHost
      Mailbox__ImapUser: imapUser
      Mailbox__ImapPassword: keyVault.outputs.imapKeyVaultReference
      Mailbox__Folder: imapFolder
      Mailbox__MoveToFolder: imapMoveToFolder
      ReplyLinks__SigningKey: keyVault.outputs.replySigningKeyReference
      ReplyLinks__InboundSecret: keyVault.outputs.inboundSecretReference
    }
  }
}

var functionAppUrl = 'https://${functionApp.outputs.defaultHostName}'

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionAppUrl
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_ENDPOINTS string[] = [
  functionAppUrl
]
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output EMAIL_PROVIDER string = emailProvider == 'Smtp' ? 'Smtp' : (emailEnabled ? 'SendGrid' : 'Outbox')
output REPLY_PAGE_BASE_URL string = '${functionAppUrl}/api/r/'
output INBOUND_PARSE_URL_HINT string = '${functionAppUrl}/api/inbound/<inbound-secret> (az keyvault secret show --vault-name ${keyVault.outputs.name} --name inbound-secret --query value -o tsv)'
