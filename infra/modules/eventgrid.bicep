@description('Name of the Event Grid system topic.')
param name string

@description('Azure region; a storage system topic lives in its storage account\'s region.')
param location string

@description('Tags for the topic.')
param tags object

@description('Name of the storage account whose blob events the topic publishes.')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

// Only the topic is declared here. Its subscription to the blob trigger's webhook needs the blob extension's
// system key, which exists only once the code is deployed, so infra/hooks/postdeploy.* creates it.
resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

@description('Name of the system topic.')
output name string = systemTopic.name
