@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan.')
param tags object

@description('Tags for the app; azd finds the service to deploy by its azd-service-name tag.')
param appTags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Blob URL of the container that holds deployment packages.')
param deploymentContainerUrl string

@description('App settings. Key Vault references only, never secret values.')
param appSettings object

@description('Memory per instance in MB (Flex Consumption: 512, 2048 or 4096).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to; low, because one owner sends a few emails a day.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances for the `durable` per-function scaling group (0 for none).')
@minValue(0)
param durableAlwaysReadyInstances int = 0

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: appTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve through the user-assigned identity (the default would be a system identity it lacks).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: durableAlwaysReadyInstances > 0
          ? [
              {
                name: 'durable'
                instanceCount: durableAlwaysReadyInstances
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: functionApp
  name: 'appsettings'
  // The reply links point at the app itself, whose host name exists only once the app does.
  properties: union(appSettings, {
    ReplyLinks__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
  })
}

// Publishing uses Entra ID (azd deploys to the package container); basic-auth credentials are never needed.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the function app.')
output name string = functionApp.name

@description('Default host name of the app (Flex Consumption may give a regional unique host name, so never derive it from the name).')
output defaultHostName string = functionApp.properties.defaultHostName
