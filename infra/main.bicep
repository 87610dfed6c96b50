// SMTP AUTH remediation service for `azd up`: a resource group holding the Function App on Flex
// Consumption, Service Bus, Storage, Key Vault, Application Insights, a user-assigned identity and its
// roles, and (privateNetworking) a virtual network with private endpoints. No shared keys, no client
// secret: the identity reaches every Azure resource and, as a federated credential of the multi-tenant
// app registration, every customer tenant (docs/deploy.md, docs/real-tenant-setup.md).

targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name (AZURE_ENV_NAME): names the resource group and seeds every resource name.')
param environmentName string

// Regions that offer Flex Consumption. Microsoft documents no fixed list: it says to ask Azure with
// `az functionapp list-flexconsumption-locations --query "sort_by(@, &name)[].name" -o tsv`
// (learn.microsoft.com/azure/azure-functions/flex-consumption-how-to#view-currently-supported-regions).
// This is the list of Microsoft's own azd template for it (Azure-Samples/functions-quickstart-typescript-azd,
// infra/main.bicep, as of February 2026) less eastus2euap, an early-access region. Refresh it from that command.
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@description('Region of every resource; only regions that offer Flex Consumption (azd offers only these).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the person running azd (AZURE_PRINCIPAL_ID): may write the vault\'s secrets. Empty for none.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal'])
@description('AZURE_PRINCIPAL_TYPE: User for a person, ServicePrincipal for a pipeline.')
param principalType string = 'User'

@description('Application (client) id of the multi-tenant app registration (M365_CLIENT_ID). Empty on the first `azd up`: it needs the identity this deployment creates (the post-provision steps).')
param m365ClientId string = ''

@description('Audience of the federated credential: api://AzureADTokenExchange in the public cloud (…USGov, …China elsewhere).')
param m365FederatedTokenAudience string = 'api://AzureADTokenExchange'

@description('Entra authority, Graph and Exchange bases; the defaults are Microsoft\'s public cloud.')
param m365AuthorityHost string = 'https://login.microsoftonline.com'
param graphBaseUrl string = 'https://graph.microsoft.com'
param exchangeBaseUrl string = 'https://outlook.office365.com'

@description('Operators\' Entra tenant (OPERATOR_TENANT_ID); empty means the tenant of this subscription.')
param operatorTenantId string = ''

@description('Application ID URI or client id of the operator API app registration (OPERATOR_API_AUDIENCE); the post-provision steps create it.')
param operatorApiAudience string = ''

@description('Authority that issues operator tokens (OPERATOR_AUTHORITY_HOST).')
param operatorAuthorityHost string = 'https://login.microsoftonline.com'

@description('Single-tenant setups only: ticket systems that call the shared /api/webhooks/{system} with an app-wide secret (webhook-secret-<system> in the vault first). Listing any turns WEBHOOK_SHARED_ROUTE on; by default none, and each tenant gets its own endpoint.')
@allowed(['zendesk', 'jira', 'servicenow', 'freshservice', 'halopsa', 'generic', 'connectwise', 'autotask'])
param webhookSystems array = []

@description('Ticket systems to write notes back to; each needs the secret ticket-<system>-auth in the vault first.')
@allowed(['zendesk', 'jira', 'servicenow', 'freshservice', 'halopsa', 'generic'])
param writeBackSystems array = []

@description('HaloPSA API application (client credentials) for write-back; its secret is ticket-halopsa-client-secret in the vault. Empty: TICKET_HALOPSA_AUTH instead.')
param haloPsaClientId string = ''

@description('More app settings, e.g. {"TICKET_ZENDESK_BASE_URL": "https://contoso.zendesk.com"}; they win over the template\'s.')
param extraAppSettings object = {}

@description('NCRONTAB, seconds first, UTC: the nightly audit and the stuck-request sweep.')
param auditSchedule string = '0 0 2 * * *'
param sweepSchedule string = '0 */5 * * * *'

@description('Seconds between reads of a tenant\'s sign-in log for fixes waiting on the device (VERIFY_POLL_SECONDS).')
@allowed([15, 30, 60, 120, 300, 600, 900, 1800])
param verifyPollSeconds int = 300

@description('Hours a fix waits for the device\'s next SMTP AUTH sign-in before it is not-seen (VERIFY_WINDOW_HOURS).')
@minValue(1)
@maxValue(720)
param verifyWindowHours int = 24

@description('Private endpoints for Storage, Service Bus (Premium) and Key Vault, app traffic through a virtual network, public access to them off.')
param privateNetworking bool = false

@description('CIDR ranges allowed to call the app (ticket systems, operators); empty allows every address.')
param allowedInboundCidrs array = []

@description('Purge protection on the vault (cannot be turned off later). false only for throwaway environments.')
param enableKeyVaultPurgeProtection bool = true

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var tags = {
  'azd-env-name': environmentName
  app: 'smtp-auth-remediation'
}
// Globally unique, stable per subscription, environment and region.
var token = toLower(uniqueString(subscription().id, environmentName, location))
var prefix = 'smtp-${token}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: { location: location, name: '${prefix}-id', tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: { location: location, namePrefix: prefix, tags: tags }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: { location: location, name: 'smtpst${token}', privateNetworking: privateNetworking, tags: tags }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  scope: rg
  // Azure refuses namespace names ending in -sb or -mgmt.
  params: { location: location, name: '${prefix}-bus', privateNetworking: privateNetworking, tags: tags }
}

// The vault's name follows the identity, new with each resource group: `azd down` deletes both, and the
// soft-deleted vault keeps its name for 90 days that purge protection lets nobody shorten, so `azd up` of the
// same environment needs a new one. Re-provisioning keeps the identity, so the vault (docs/decisions/0012).
var vaultToken = toLower(uniqueString(token, identity.outputs.principalId))

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    location: location
    name: 'smtp-kv-${vaultToken}'
    enablePurgeProtection: enableKeyVaultPurgeProtection
    privateNetworking: privateNetworking
    tags: tags
  }
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: rg
  params: {
    location: location
    name: '${prefix}-vnet'
    storageAccountId: storage.outputs.id
    serviceBusNamespaceId: serviceBus.outputs.id
    keyVaultId: keyVault.outputs.id
    tags: tags
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    serviceBusNamespaceName: serviceBus.outputs.name
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    secretsOfficerPrincipalId: principalId
    secretsOfficerPrincipalType: principalType
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  // The app resolves Key Vault references and reads storage at start; its roles must exist first.
  dependsOn: [roles]
  params: {
    location: location
    name: '${prefix}-func'
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    keyVaultUri: keyVault.outputs.uri
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    appInsightsConnectionString: monitoring.outputs.connectionString
    m365ClientId: m365ClientId
    m365FederatedTokenAudience: m365FederatedTokenAudience
    m365AuthorityHost: m365AuthorityHost
    graphBaseUrl: graphBaseUrl
    exchangeBaseUrl: exchangeBaseUrl
    operatorTenantId: empty(operatorTenantId) ? tenant().tenantId : operatorTenantId
    operatorApiAudience: operatorApiAudience
    operatorAuthorityHost: operatorAuthorityHost
    auditSchedule: auditSchedule
    sweepSchedule: sweepSchedule
    verifyPollSeconds: verifyPollSeconds
    verifyWindowHours: verifyWindowHours
    webhookSystems: webhookSystems
    writeBackSystems: writeBackSystems
    haloPsaClientId: haloPsaClientId
    extraAppSettings: extraAppSettings
    subnetId: privateNetworking ? network.outputs.appSubnetId : ''
    allowedInboundCidrs: allowedInboundCidrs
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

// azd keeps these in the environment (.azure/<env>/.env); the postprovision hook reads them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APP_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output APP_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output M365_FEDERATED_ISSUER string = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
output M365_FEDERATED_TOKEN_AUDIENCE string = m365FederatedTokenAudience
output M365_CLIENT_ID string = m365ClientId
output OPERATOR_API_AUDIENCE string = operatorApiAudience
