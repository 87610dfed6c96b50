/**
 * The Exchange cmdlets the app runs, and so the only ones its custom role group in a customer tenant
 * holds (infra/exchange/grant-app-role-group.ps1): reads for diagnosis and the audit, one write for the
 * mailbox step. Set-TransportConfig is not among them: the app never changes the organisation's flag.
 */
export const EXCHANGE_READ_CMDLETS = [
  "Get-CASMailbox", "Get-User", "Get-TransportConfig", "Get-OrganizationConfig", "Get-AuthenticationPolicy",
  // Exchange role groups are admin power of their own (the privilege guard); parent role View-Only Configuration.
  "Get-RoleGroup", "Get-RoleGroupMember",
] as const;
export const EXCHANGE_WRITE_CMDLETS = ["Set-CASMailbox"] as const;

/**
 * The cmdlets that move a sender off basic auth, by the built-in role they are trimmed from (the
 * script's New-TrimmedRole stops with the parent's name if one does not hold a cmdlet). Left out
 * with -ReadOnly, like the write role. Each New- has its Remove-: the undo of a move removes what it made.
 */
export const EXCHANGE_MIGRATION_ROLES = {
  MigrationRecipientCreation: { parent: "Mail Recipient Creation", cmdlets: ["New-MailUser", "Get-MailUser", "Remove-MailUser"] },
  MigrationRecipients: { parent: "Mail Recipients", cmdlets: ["Get-HVEAccountBillingPolicy", "Get-MailboxPermission", "Add-MailboxPermission", "Remove-MailboxPermission"] },
  MigrationConnectors: { parent: "Remote and Accepted Domains", cmdlets: ["Get-InboundConnector", "New-InboundConnector", "Remove-InboundConnector"] },
  MigrationServicePrincipals: { parent: "Role Management", cmdlets: ["Get-ServicePrincipal", "New-ServicePrincipal", "Remove-ServicePrincipal"] },
  // The proof of a move to a connector: its anonymous mail is seen only in the message trace.
  MigrationMessageTrace: { parent: "Message Tracking", cmdlets: ["Get-MessageTraceV2"] },
} as const;
export const EXCHANGE_MIGRATION_CMDLETS = Object.values(EXCHANGE_MIGRATION_ROLES).flatMap((r) => r.cmdlets);
export type ExchangeMigrationCmdlet = (typeof EXCHANGE_MIGRATION_ROLES)[keyof typeof EXCHANGE_MIGRATION_ROLES]["cmdlets"][number];

/** Set-CASMailbox parameters the role keeps; every other one (POP, IMAP, OWA, ...) is removed from it. */
export const SET_CAS_MAILBOX_PARAMETERS = ["Identity", "SmtpClientAuthenticationDisabled"] as const;
