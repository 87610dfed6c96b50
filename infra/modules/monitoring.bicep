// Log Analytics workspace and the workspace-based Application Insights resource the Functions host
// writes to. Local (key) authentication is off: the app sends telemetry with its identity, which holds
// Monitoring Metrics Publisher (role-assignments.bicep, APPLICATIONINSIGHTS_AUTHENTICATION_STRING).

param location string
param namePrefix string

@minValue(30)
@maxValue(730)
param retentionInDays int = 30

param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: '${namePrefix}-log'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-appi'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('Goes into APPLICATIONINSIGHTS_CONNECTION_STRING; with local auth off it grants nothing without an Entra token.')
output connectionString string = appInsights.properties.ConnectionString
output appInsightsName string = appInsights.name
output workspaceId string = workspace.id
