// The user-assigned identity the Function App runs as. It exists before the app, so its role
// assignments are in place when the app first starts, and the multi-tenant app registration can
// trust it as a federated identity credential (docs/real-tenant-setup.md).

param location string
param name string
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
