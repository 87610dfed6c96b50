// Flex Consumption plan and the Function App (Node 20), running as the user-assigned identity, with
// every app setting the code reads in production (shared/config/settings.ts, shared/tickets/*).

param location string
param name string
param tags object = {}

@description('Resource id and client id of the user-assigned identity the app runs as.')
param identityId string
param identityClientId string

@description('Blob container URL Flex Consumption deploys from.')
param deploymentContainerUrl string

param storageAccountName string

@description('true: identity-based AzureWebJobsStorage__* settings (needs the code change in docs/deploy.md); false: AzureWebJobsStorage is a Key Vault reference to the connection string.')
param tablesUseIdentity bool

@description('Vault URI ending with a slash.')
param keyVaultUri string

param serviceBusFullyQualifiedNamespace string
param appInsightsConnectionString string

@description('Application (client) id of the multi-tenant app registration.')
param m365ClientId string

param m365AuthorityHost string
param graphBaseUrl string
param exchangeBaseUrl string

@description('NCRONTAB (seconds first, UTC) for the nightly audit and the stuck-request sweep.')
param auditSchedule string
param sweepSchedule string

@description('Ticket systems whose webhook secret is in the vault as webhook-secret-<system>.')
@allowed(['zendesk', 'jira', 'servicenow', 'freshservice', 'halopsa', 'generic'])
param webhookSystems array

@description('Ticket systems whose write-back Authorization header is in the vault as ticket-<system>-auth.')
@allowed(['zendesk', 'jira', 'servicenow', 'freshservice', 'halopsa', 'generic'])
param writeBackSystems array

@description('More app settings (TICKET_<SYSTEM>_BASE_URL, AUDIT_NOTIFY_TICKET, STEP_MAX_ATTEMPTS, ...); they win over the ones above.')
param extraAppSettings object

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@allowed([512, 2048, 4096])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
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
    // Key Vault references resolve as this identity, whose Secrets User role exists before the app does.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
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
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the language from here; FUNCTIONS_WORKER_RUNTIME is not allowed as a setting.
      runtime: {
        name: 'node'
        version: '20'
      }
    }
  }
}

var secretUri = '${keyVaultUri}secrets/'

var storageSettings = tablesUseIdentity
  ? {
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
    }
  : {
      AzureWebJobsStorage: '@Microsoft.KeyVault(SecretUri=${secretUri}storage-connection-string)'
    }

var webhookSecretSettings = toObject(
  webhookSystems,
  s => 'WEBHOOK_SECRET_${toUpper(s)}',
  s => '@Microsoft.KeyVault(SecretUri=${secretUri}webhook-secret-${s})'
)

var writeBackAuthSettings = toObject(
  writeBackSystems,
  s => 'TICKET_${toUpper(s)}_AUTH',
  s => '@Microsoft.KeyVault(SecretUri=${secretUri}ticket-${s}-auth)'
)

var coreSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  // DefaultAzureCredential in the app code (Service Bus sender) picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identityClientId
  QUEUE_TRANSPORT: 'servicebus'
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  M365_CLIENT_ID: m365ClientId
  M365_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${secretUri}m365-client-secret)'
  M365_AUTHORITY_HOST: m365AuthorityHost
  GRAPH_BASE_URL: graphBaseUrl
  EXCHANGE_BASE_URL: exchangeBaseUrl
  // The host refuses to start when a %SETTING% used in a timer schedule is missing.
  AUDIT_SCHEDULE: auditSchedule
  SWEEP_SCHEDULE: sweepSchedule
  PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(coreSettings, storageSettings, webhookSecretSettings, writeBackAuthSettings, extraAppSettings)
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
