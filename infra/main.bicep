// SMTP AUTH remediation service: Function App on Flex Consumption, Service Bus, Storage, Key Vault,
// Application Insights, a user-assigned identity and its role assignments. Deploy into a resource
// group: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam (docs/deploy.md).

targetScope = 'resourceGroup'

@description('Short lower-case name starting with a letter (letters and digits), used in every resource name, e.g. "smtpfix".')
@minLength(3)
@maxLength(11)
param appName string

@description('Azure region of every resource; must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Application (client) id of the multi-tenant app registration (docs/real-tenant-setup.md).')
param m365ClientId string

@description('Ticket systems that call the webhook; each needs the secret webhook-secret-<system> in the vault before deploying.')
@allowed(['zendesk', 'jira', 'servicenow', 'freshservice', 'halopsa', 'generic'])
param webhookSystems array = []

@description('Ticket systems to write notes back to; each needs the secret ticket-<system>-auth in the vault.')
@allowed(['zendesk', 'jira', 'servicenow', 'freshservice', 'halopsa', 'generic'])
param writeBackSystems array = []

@description('More app settings, e.g. {"TICKET_ZENDESK_BASE_URL": "https://contoso.zendesk.com"}; they win over the template\'s.')
param extraAppSettings object = {}

@description('false (today\'s code): AzureWebJobsStorage is a Key Vault reference to the account\'s connection string. true: identity only, once the app reads AzureWebJobsStorage__accountName (docs/deploy.md).')
param tablesUseIdentity bool = false

@description('NCRONTAB, seconds first, UTC: the nightly audit.')
param auditSchedule string = '0 0 2 * * *'

@description('NCRONTAB, seconds first, UTC: the stuck-request sweep.')
param sweepSchedule string = '0 */5 * * * *'

@description('Entra authority and API bases; the defaults are Microsoft\'s public cloud.')
param m365AuthorityHost string = 'https://login.microsoftonline.com'
param graphBaseUrl string = 'https://graph.microsoft.com'
param exchangeBaseUrl string = 'https://outlook.office365.com'

@description('Object id of a user or group allowed to write the vault\'s secrets (Key Vault Secrets Officer); empty for none.')
param secretsOfficerPrincipalId string = ''

@allowed(['User', 'Group'])
param secretsOfficerPrincipalType string = 'User'

@description('Purge protection on the vault (cannot be turned off later). false only for throwaway environments.')
param enableKeyVaultPurgeProtection bool = true

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

param tags object = {
  app: 'smtp-auth-remediation'
}

// Globally unique names derived from the resource group, stable across redeployments.
var suffix = take(uniqueString(resourceGroup().id, appName), 8)
var prefix = '${appName}-${suffix}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    namePrefix: prefix
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: prefix
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: take('${toLower(replace(appName, '-', ''))}${suffix}st', 24)
    allowSharedKeyAccess: !tablesUseIdentity
    tags: tags
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  params: {
    location: location
    name: '${prefix}-sb'
    tags: tags
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    location: location
    name: take('${appName}-${suffix}-kv', 24)
    storageAccountName: tablesUseIdentity ? '' : storage.outputs.name
    enablePurgeProtection: enableKeyVaultPurgeProtection
    tags: tags
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  params: {
    principalId: identity.outputs.principalId
    serviceBusNamespaceName: serviceBus.outputs.name
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    secretsOfficerPrincipalId: secretsOfficerPrincipalId
    secretsOfficerPrincipalType: secretsOfficerPrincipalType
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  // The app resolves Key Vault references and reads storage at start; its roles must exist first.
  dependsOn: [
    roles
  ]
  params: {
    location: location
    name: '${prefix}-func'
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    storageAccountName: storage.outputs.name
    tablesUseIdentity: tablesUseIdentity
    keyVaultUri: keyVault.outputs.uri
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    appInsightsConnectionString: monitoring.outputs.connectionString
    m365ClientId: m365ClientId
    m365AuthorityHost: m365AuthorityHost
    graphBaseUrl: graphBaseUrl
    exchangeBaseUrl: exchangeBaseUrl
    auditSchedule: auditSchedule
    sweepSchedule: sweepSchedule
    webhookSystems: webhookSystems
    writeBackSystems: writeBackSystems
    extraAppSettings: extraAppSettings
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output keyVaultName string = keyVault.outputs.name
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output storageAccountName string = storage.outputs.name
output identityPrincipalId string = identity.outputs.principalId
