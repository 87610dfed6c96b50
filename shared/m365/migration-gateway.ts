/** An HVE account as Get-MailUser shows it. */
export interface HveAccount {
  primarySmtpAddress: string;
  externalDirectoryObjectId: string;
}

/** An inbound connector, reduced to what decides whether it lets a server relay. */
export interface InboundConnector {
  name: string;
  connectorType: string;
  senderIpAddresses: string[];
  enabled: boolean;
}

/** A service principal registered in Exchange (Get-ServicePrincipal). */
export interface ExchangeServicePrincipal {
  appId: string;
  objectId: string;
  displayName: string;
}

/** An app's enterprise application in the tenant's Entra ID (Graph servicePrincipals). */
export interface AppServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
}

/** The reads and writes that move a sender off basic auth, bound to one tenant. Throws M365Error on failure. */
export interface MigrationGateway {
  /** null when no HVE account has that address. */
  getHveAccount(address: string): Promise<HveAccount | null>;
  newHveAccount(input: { name: string; address: string; password: string }): Promise<void>;
  /** Remove-MailUser: the undo of a move to HVE. */
  removeHveAccount(address: string): Promise<void>;
  /** Get-HVEAccountBillingPolicy's BillingPolicyStatus ("BillingPolicyValid" lets the account send). */
  getHveBillingPolicyStatus(address: string): Promise<string>;
  /** Get-OrganizationConfig RejectDirectSend. */
  getRejectDirectSend(): Promise<boolean>;
  listInboundConnectors(): Promise<InboundConnector[]>;
  newRelayConnector(input: { name: string; senderIp: string }): Promise<void>;
  removeInboundConnector(name: string): Promise<void>;
  /** null when the app has no service principal in the tenant (not consented / not registered there). */
  findAppServicePrincipal(appId: string): Promise<AppServicePrincipal | null>;
  /** null when Exchange has no service principal for the app. */
  getExchangeServicePrincipal(appId: string): Promise<ExchangeServicePrincipal | null>;
  newExchangeServicePrincipal(input: ExchangeServicePrincipal): Promise<void>;
  removeExchangeServicePrincipal(appId: string): Promise<void>;
  /** The access rights a user (a service principal's object id) holds on a mailbox; [] for none. */
  getMailboxAccessRights(mailbox: string, user: string): Promise<string[]>;
  addMailboxFullAccess(mailbox: string, user: string): Promise<void>;
  removeMailboxAccess(mailbox: string, user: string, accessRights: string[]): Promise<void>;
  /** Messages Exchange took from an IP address in a window (Get-MessageTraceV2 -FromIP), newest first. */
  listMessagesFrom(fromIp: string, sinceIso: string, untilIso: string): Promise<TracedMessage[]>;
}

/** One message of the message trace. */
export interface TracedMessage {
  received: string;
  senderAddress: string;
  fromIp: string;
  status: string;
}
