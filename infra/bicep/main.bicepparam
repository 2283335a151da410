// Example parameters for main.bicep. Every parameter has a default; override what you need, e.g.
//   az deployment group create -g <rg> -n fleetops --parameters infra/bicep/main.bicepparam
using './main.bicep'

param namePrefix = 'fleetops'

param maximumInstanceCount = 40

param instanceMemoryMB = 2048

param appInsightsDisableLocalAuth = true

// Networks probes may reach (FleetOps:Policy:Allow), e.g. ['10.0.0.0/8']; empty allows any address that is not denied.
param policyAllow = []

param policyDeny = []

param tags = {
  application: 'FleetOps'
  environment: 'dev'
}
