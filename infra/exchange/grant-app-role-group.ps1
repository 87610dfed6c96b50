<#
.SYNOPSIS
  Gives the SMTP AUTH remediation app, in one customer tenant, exactly the Exchange cmdlets it runs,
  through a custom role group instead of the Exchange Administrator role.

.DESCRIPTION
  Microsoft's app-only authentication for Exchange Online accepts a role group whose member is the
  app's service principal. This script:
    1. registers the app's service principal with Exchange (New-ServicePrincipal);
    2. creates management roles from built-in parents, trimmed to the cmdlets in
       shared/m365/exchange-role.ts (New-ManagementRole -Parent, Remove-ManagementRoleEntry),
       Set-CASMailbox trimmed to Identity and SmtpClientAuthenticationDisabled (Set-ManagementRoleEntry),
       and the migration cmdlets (HVE accounts, inbound connectors, apps' mailbox access);
    3. creates the role group with those roles and adds the service principal (New-RoleGroup,
       Add-RoleGroupMember).
  With -ReadOnly the write role is left out: the app diagnoses, plans and audits, and changes nothing
  in Exchange (onboard the tenant with "access": "read-only").
  Run it as an Exchange administrator of the customer tenant, after the admin consent. Re-running it
  is safe: what exists is reused.

.EXAMPLE
  pwsh infra/exchange/grant-app-role-group.ps1 -Organization contoso.onmicrosoft.com -AppId 11111111-2222-3333-4444-555555555555
#>
param(
  [Parameter(Mandatory)] [string] $Organization,
  [Parameter(Mandatory)] [string] $AppId,
  [string] $GroupName = 'SMTP AUTH remediation',
  [switch] $ReadOnly
)
$ErrorActionPreference = 'Stop'

# Keep in step with shared/m365/exchange-role.ts (a test compares them).
$ReadRecipients = @('Get-CASMailbox', 'Get-User')
# Get-RoleGroup and Get-RoleGroupMember: who holds admin power through an Exchange role group.
$ReadConfiguration = @('Get-TransportConfig', 'Get-OrganizationConfig', 'Get-AuthenticationPolicy', 'Get-RoleGroup', 'Get-RoleGroupMember')
$WriteMailbox = @('Set-CASMailbox')
$SetCasMailboxParameters = @('Identity', 'SmtpClientAuthenticationDisabled')
# Moving senders off basic auth (HVE accounts, relay connectors, apps' SMTP access); left out with -ReadOnly.
# Keep in step with EXCHANGE_MIGRATION_ROLES in shared/m365/exchange-role.ts (a test compares them).
$MigrationRecipientCreation = @('New-MailUser', 'Get-MailUser', 'Remove-MailUser')
$MigrationRecipients = @('Get-HVEAccountBillingPolicy', 'Get-MailboxPermission', 'Add-MailboxPermission', 'Remove-MailboxPermission')
$MigrationConnectors = @('Get-InboundConnector', 'New-InboundConnector', 'Remove-InboundConnector')
$MigrationServicePrincipals = @('Get-ServicePrincipal', 'New-ServicePrincipal', 'Remove-ServicePrincipal')
$MigrationMessageTrace = @('Get-MessageTraceV2')

Import-Module ExchangeOnlineManagement
Import-Module Microsoft.Graph.Applications
Connect-ExchangeOnline -Organization $Organization -ShowBanner:$false
Connect-MgGraph -TenantId $Organization -Scopes 'Application.Read.All' -NoWelcome

# 1. The enterprise application (created by the admin consent), known to Exchange.
$sp = Get-MgServicePrincipal -Filter "appId eq '$AppId'"
if (-not $sp) { throw "No enterprise application for $AppId in ${Organization}: open the admin consent link first." }
$exchangeSp = Get-ServicePrincipal -Identity $sp.Id -ErrorAction SilentlyContinue
if (-not $exchangeSp) {
  $exchangeSp = New-ServicePrincipal -AppId $AppId -ObjectId $sp.Id -DisplayName $sp.DisplayName
}

# 2. A role per built-in parent, holding only the wanted cmdlets.
function New-TrimmedRole([string] $Name, [string] $Parent, [string[]] $Keep) {
  if (-not (Get-ManagementRole -Identity $Name -ErrorAction SilentlyContinue)) {
    New-ManagementRole -Name $Name -Parent $Parent | Out-Null
  }
  Get-ManagementRoleEntry -Identity "$Name\*" |
    Where-Object { $Keep -notcontains $_.Name } |
    ForEach-Object { Remove-ManagementRoleEntry -Identity "$Name\$($_.Name)" -Confirm:$false }
  $left = @(Get-ManagementRoleEntry -Identity "$Name\*" | ForEach-Object Name)
  $missing = @($Keep | Where-Object { $left -notcontains $_ })
  if ($missing.Count) { throw "Role $Name lacks $($missing -join ', '): its parent $Parent does not hold them." }
  return $Name
}

$roles = @(
  (New-TrimmedRole "$GroupName - read recipients" 'View-Only Recipients' $ReadRecipients),
  (New-TrimmedRole "$GroupName - read configuration" 'View-Only Configuration' $ReadConfiguration)
)
if (-not $ReadOnly) {
  $write = New-TrimmedRole "$GroupName - mailbox SMTP AUTH" 'Mail Recipients' $WriteMailbox
  $entry = Get-ManagementRoleEntry -Identity "$write\Set-CASMailbox"
  $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
  $extra = @($entry.Parameters | Where-Object { $SetCasMailboxParameters -notcontains $_ -and $common -notcontains $_ })
  if ($extra.Count) { Set-ManagementRoleEntry -Identity "$write\Set-CASMailbox" -Parameters $extra -RemoveParameter }
  $roles += $write
  $roles += New-TrimmedRole "$GroupName - HVE accounts" 'Mail Recipient Creation' $MigrationRecipientCreation
  $roles += New-TrimmedRole "$GroupName - mailbox access" 'Mail Recipients' $MigrationRecipients
  $roles += New-TrimmedRole "$GroupName - relay connectors" 'Remote and Accepted Domains' $MigrationConnectors
  $roles += New-TrimmedRole "$GroupName - app service principals" 'Role Management' $MigrationServicePrincipals
  $roles += New-TrimmedRole "$GroupName - message trace" 'Message Tracking' $MigrationMessageTrace
}

# 3. The role group, with the service principal as its only member.
if (-not (Get-RoleGroup -Identity $GroupName -ErrorAction SilentlyContinue)) {
  New-RoleGroup -Name $GroupName -Roles $roles -Description 'SMTP AUTH remediation app: only the cmdlets it runs.' | Out-Null
} else {
  foreach ($role in $roles) {
    if (-not (Get-ManagementRoleAssignment -Role $role -RoleAssignee $GroupName -ErrorAction SilentlyContinue)) {
      New-ManagementRoleAssignment -Role $role -SecurityGroup $GroupName | Out-Null
    }
  }
}
if (-not (Get-RoleGroupMember -Identity $GroupName | Where-Object { $_.Identity -eq $exchangeSp.Identity })) {
  Add-RoleGroupMember -Identity $GroupName -Member $exchangeSp.Identity
}

Write-Host "Role group '$GroupName' now holds:"
# Property names quoted: tree-sitter-powershell (test/unit/infra) does not read a list of bare words as an argument.
foreach ($role in $roles) { Get-ManagementRoleEntry -Identity "$role\*" | Format-Table -Property 'Role', 'Name', 'Parameters' -AutoSize }
Write-Host 'Exchange can take up to an hour to apply the change. Remove Exchange Administrator from the app if it had it.'
