// Service Bus namespace and the three queues (names from shared/queue/queue-names.ts). Standard tier:
// scheduled messages carry step retries, duplicate detection drops a resent stage message. Private
// endpoints need Premium, so privateNetworking moves the namespace to Premium (1 messaging unit).

param location string

@description('6-50 characters, globally unique, not ending in -sb or -mgmt (Azure refuses those).')
@minLength(6)
@maxLength(50)
param name string

param privateNetworking bool

@description('Queues to create; keep in step with QUEUES in shared/queue/queue-names.ts.')
param queueNames array = [
  'remediation-steps'
  'ticket-outbox'
  'tenant-audits'
]

param tags object = {}

var sku = privateNetworking ? 'Premium' : 'Standard'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
    capacity: privateNetworking ? 1 : null
  }
  properties: {
    minimumTlsVersion: '1.2'
    // Managed identity only: no SAS keys to leak.
    disableLocalAuth: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

// requiresDuplicateDetection cannot be changed once a queue exists; changing it means a new queue.
resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [for queueName in queueNames: {
  parent: namespace
  name: queueName
  properties: {
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
    requiresSession: false
    enablePartitioning: false
  }
}]

output id string = namespace.id
output name string = namespace.name
@description('Goes into ServiceBusConnection__fullyQualifiedNamespace.')
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
