// Key Vault (RBAC) for the secrets that stay: WEBHOOK_SECRET_* and TICKET_*_AUTH (and, only as the
// documented fallback, the app registration's certificate). Operators write them (docs/deploy.md); the
// template writes none, and no storage key or client secret is kept here.

param location string

@description('3-24 letters, digits and dashes, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Purge protection cannot be turned off again once on; keep true in production.')
param enablePurgeProtection bool = true

param privateNetworking bool
param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
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
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

output id string = vault.id
output name string = vault.name
@description('Ends with a slash, e.g. https://name.vault.azure.net/.')
output uri string = vault.properties.vaultUri
