using './main.bicep'

// Example values; copy and adjust per environment.
param appName = 'smtpfix'
param m365ClientId = '00000000-0000-0000-0000-000000000000'
param webhookSystems = [
  'zendesk'
]
param writeBackSystems = [
  'zendesk'
]
param extraAppSettings = {
  TICKET_ZENDESK_BASE_URL: 'https://contoso.zendesk.com'
}
