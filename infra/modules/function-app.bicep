// Flex Consumption plan and the Function App (Node 22), running as the user-assigned identity, with
// every app setting the code reads in Azure (test/unit/infra/bicep-matches-code.test.ts keeps them in
// step with shared/config/settings.ts). Every connection is identity-based; no key or client secret.

param location string
param name string
param tags object = {}

@description('Resource id and client id of the user-assigned identity the app runs as.')
param identityId string
param identityClientId string

param blobEndpoint string
param tableEndpoint string
param deploymentContainerName string

@description('Vault URI ending with a slash.')
param keyVaultUri string

param serviceBusFullyQualifiedNamespace string
param appInsightsConnectionString string

@description('Application (client) id of the multi-tenant app registration; empty until it exists.')
param m365ClientId string
param m365FederatedTokenAudience string
param m365AuthorityHost string
param graphBaseUrl string
param exchangeBaseUrl string

@description('Operator sign-in: the operators\' tenant, this API\'s application id, the authority.')
param operatorTenantId string
param operatorApiAudience string
param operatorAuthorityHost string

@description('NCRONTAB (seconds first, UTC) for the nightly audit and the stuck-request sweep.')
param auditSchedule string
param sweepSchedule string

@description('Verification of fixes against the sign-in log: poll interval (seconds) and window (hours).')
@allowed([15, 30, 60, 120, 300, 600, 900, 1800])
param verifyPollSeconds int
param verifyWindowHours int

// The timer needs an NCRONTAB; it is derived from the poll interval so the two cannot disagree.
var verifySchedule = verifyPollSeconds < 60 ? '*/${verifyPollSeconds} * * * * *' : '0 */${verifyPollSeconds / 60} * * * *'

@description('Ticket systems whose webhook secret is in the vault as webhook-secret-<system>.')
@allowed(['zendesk', 'jira', 'servicenow', 'freshservice', 'halopsa', 'generic', 'connectwise', 'autotask'])
param webhookSystems array

@description('Ticket systems whose write-back Authorization header is in the vault as ticket-<system>-auth.')
@allowed(['zendesk', 'jira', 'servicenow', 'freshservice', 'halopsa', 'generic'])
param writeBackSystems array

@description('HaloPSA API application (client credentials) for write-back; empty: none.')
param haloPsaClientId string

@description('More app settings (TICKET_<SYSTEM>_BASE_URL, AUDIT_NOTIFY_TICKET, STEP_MAX_ATTEMPTS, ...); they win over the ones below.')
param extraAppSettings object

@description('Subnet delegated to Microsoft.App/environments for outbound traffic; empty for none.')
param subnetId string

@description('CIDR ranges allowed in; empty allows every address.')
param allowedInboundCidrs array

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@allowed([512, 2048, 4096])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
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

var inboundRules = [for (cidr, i) in allowedInboundCidrs: {
  name: 'allowed-${i}'
  ipAddress: cidr
  action: 'Allow'
  priority: 100 + i
}]

resource site 'Microsoft.Web/sites@2025-03-01' = {
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
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      ipSecurityRestrictions: inboundRules
      ipSecurityRestrictionsDefaultAction: empty(allowedInboundCidrs) ? 'Allow' : 'Deny'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
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
      // Flex Consumption takes the language and the Functions version from here: no
      // FUNCTIONS_WORKER_RUNTIME or FUNCTIONS_EXTENSION_VERSION setting (it rejects both).
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// No publishing with a user name and password: deployments sign in with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

var secretUri = '${keyVaultUri}secrets/'

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

// HaloPSA tokens come from client_credentials and expire; the app asks for them with these (TICKET_HALOPSA_TENANT and _SCOPE go in extraAppSettings).
var haloClientSettings = empty(haloPsaClientId)
  ? {}
  : {
      TICKET_HALOPSA_CLIENT_ID: haloPsaClientId
      TICKET_HALOPSA_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${secretUri}ticket-halopsa-client-secret)'
    }

var coreSettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential in the app code (tables, Service Bus sender) picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identityClientId
  // The host's blobs and the app's tables, with the identity; the account allows no shared key.
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  QUEUE_TRANSPORT: 'servicebus'
  // Seals per-tenant webhook secrets in their table; until a person writes it (postprovision), none is issued or accepted.
  WEBHOOK_SEALING_SECRET: '@Microsoft.KeyVault(SecretUri=${secretUri}webhook-sealing-secret)'
  // The shared route with app-wide secrets is for single-tenant setups: on only when systems are listed for it.
  WEBHOOK_SHARED_ROUTE: empty(webhookSystems) ? 'off' : 'on'
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  // Customer-tenant tokens: the app registration with a client assertion from this identity.
  M365_CLIENT_ID: m365ClientId
  M365_FEDERATED_IDENTITY_CLIENT_ID: identityClientId
  M365_FEDERATED_TOKEN_AUDIENCE: m365FederatedTokenAudience
  M365_AUTHORITY_HOST: m365AuthorityHost
  GRAPH_BASE_URL: graphBaseUrl
  EXCHANGE_BASE_URL: exchangeBaseUrl
  // Operator sign-in: Entra ID tokens of the operators' tenant for this API.
  OPERATOR_TENANT_ID: operatorTenantId
  OPERATOR_API_AUDIENCE: operatorApiAudience
  OPERATOR_AUTHORITY_HOST: operatorAuthorityHost
  // The host refuses to start when a %SETTING% used in a timer schedule is missing.
  AUDIT_SCHEDULE: auditSchedule
  SWEEP_SCHEDULE: sweepSchedule
  VERIFY_SCHEDULE: verifySchedule
  VERIFY_POLL_SECONDS: string(verifyPollSeconds)
  VERIFY_WINDOW_HOURS: string(verifyWindowHours)
  PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(coreSettings, webhookSecretSettings, writeBackAuthSettings, haloClientSettings, extraAppSettings)
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
