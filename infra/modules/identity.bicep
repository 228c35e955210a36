@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client (application) id, used by the app to pick this identity.')
output clientId string = identity.properties.clientId

@description('Object id of the service principal behind the identity, used in role assignments.')
output principalId string = identity.properties.principalId
