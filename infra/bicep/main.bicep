// FleetOps: Azure Functions (isolated worker, .NET 10) on a Flex Consumption plan.
// Storage is reached only through the app's system-assigned managed identity: the storage
// account has shared-key access disabled and no key or connection string is in app settings.
targetScope = 'resourceGroup'

@description('Azure region for every resource. Defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Prefix of every resource name: 3-11 lowercase letters and digits (it is also part of the storage account name).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'fleetops'

@description('Suffix that makes names globally unique. Keep the default to get a stable value per resource group and prefix.')
@minLength(5)
@maxLength(13)
param nameSuffix string = uniqueString(resourceGroup().id, namePrefix)

@description('Flex Consumption: the most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption: memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Disable key-based ingestion into Application Insights; the app then sends telemetry with its managed identity (Monitoring Metrics Publisher).')
param appInsightsDisableLocalAuth bool = true

@description('FleetOps:Policy:Allow: CIDR networks probes may reach (empty = any address not denied).')
param policyAllow string[] = []

@description('FleetOps:Policy:Deny: CIDR networks probes may never reach, on top of the built-in metadata/link-local denials.')
param policyDeny string[] = []

@description('Tags applied to every resource.')
param tags { *: string } = {
  application: 'FleetOps'
}

var storageAccountName = take(toLower('${namePrefix}${nameSuffix}'), 24)
var functionAppName = '${namePrefix}-func-${nameSuffix}'
var planName = '${namePrefix}-plan-${nameSuffix}'
var appInsightsName = '${namePrefix}-appi-${nameSuffix}'
var logAnalyticsName = '${namePrefix}-log-${nameSuffix}'

// Names the application code relies on (FleetOps.Workflows: RunStore.ContainerName, SweepQueueHandler.QueueName
// and its "-poison" queue).
var deploymentContainerName = 'app-package'
var runsContainerName = 'fleetops-runs'
var sweepQueueName = 'sweep-requests'
var sweepPoisonQueueName = 'sweep-requests-poison'

// Built-in role definition IDs.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// The Durable Task Azure Storage backend uses blobs (leases), queues (control/work items) and
// tables (history/instances); the queue trigger and run data use queues and blobs.
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

// ---------------------------------------------------------------- monitoring

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: appInsightsDisableLocalAuth
  }
}

// ---------------------------------------------------------------- storage

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource runsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: runsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource sweepQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queueService
  name: sweepQueueName
}

resource sweepPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queueService
  name: sweepPoisonQueueName
}

// ---------------------------------------------------------------- function app

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
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

var policySettings = concat(
  map(range(0, length(policyAllow)), i => {
    name: 'FleetOps__Policy__Allow__${i}'
    value: policyAllow[i]
  }),
  map(range(0, length(policyDeny)), i => {
    name: 'FleetOps__Policy__Deny__${i}'
    value: policyDeny[i]
  })
)

var appInsightsAuthSettings = appInsightsDisableLocalAuth
  ? [
      {
        name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
        value: 'Authorization=AAD'
      }
    ]
  : []

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  // Containers and queues the code uses exist before the app first starts.
  dependsOn: [
    runsContainer
    sweepQueue
    sweepPoisonQueue
  ]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      // Flex Consumption sets FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION from functionAppConfig;
      // they must not appear here.
      appSettings: concat(
        [
          // Identity-based storage, no keys: used by the Functions host, the Durable Task hub "FleetOps",
          // the sweep-requests queue trigger, and the app's own clients (FleetOps.Workflows StorageClients
          // reads AzureWebJobsStorage__accountName and authenticates with DefaultAzureCredential).
          {
            name: 'AzureWebJobsStorage__accountName'
            value: storage.name
          }
          {
            name: 'AzureWebJobsStorage__credential'
            value: 'managedidentity'
          }
          {
            name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
            value: appInsights.properties.ConnectionString
          }
        ],
        appInsightsAuthSettings,
        policySettings
      )
    }
  }
}

// ---------------------------------------------------------------- role assignments

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, functionApp.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: functionApp.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource metricsPublisherAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, functionApp.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------- outputs

@description('Name of the function app, for publishing the code.')
output functionAppName string = functionApp.name

@description('Default host name of the function app; HTTP routes are under https://<host>/api/.')
output functionAppHostName string = functionApp.properties.defaultHostName

@description('Name of the storage account holding the task hub, queues and run data.')
output storageAccountName string = storage.name

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name
