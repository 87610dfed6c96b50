// Key Vault (RBAC) for M365_CLIENT_SECRET, WEBHOOK_SECRET_* and TICKET_*_AUTH. Operators write those
// secrets themselves (docs/deploy.md); this template writes only the storage connection string, and
// only while the app still needs one.

param location string

@description('Vault name: 3-24 letters, digits and dashes, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Storage account whose connection string to keep as secret "storage-connection-string"; empty for none.')
param storageAccountName string = ''

@description('Purge protection cannot be turned off again once on; keep true in production.')
param enablePurgeProtection bool = true

param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // ARM rejects false here; omit the property to leave purge protection off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = if (!empty(storageAccountName)) {
  name: storageAccountName
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(storageAccountName)) {
  parent: vault
  name: 'storage-connection-string'
  properties: {
    contentType: 'Azure Storage connection string'
    value: 'DefaultEndpointsProtocol=https;AccountName=${storageAccountName};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

output id string = vault.id
output name string = vault.name
@description('Ends with a slash, e.g. https://name.vault.azure.net/.')
output uri string = vault.properties.vaultUri
