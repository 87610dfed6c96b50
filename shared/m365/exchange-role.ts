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

/** Set-CASMailbox parameters the role keeps; every other one (POP, IMAP, OWA, ...) is removed from it. */
export const SET_CAS_MAILBOX_PARAMETERS = ["Identity", "SmtpClientAuthenticationDisabled"] as const;
