// The user-assigned identity the Function App runs as. It exists before the app, so its role
// assignments (Key Vault above all) are in place when the app first resolves its settings.

param location string
param namePrefix string
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
