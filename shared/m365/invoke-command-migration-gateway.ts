import type { ExchangeInvoker } from "./exchange-invoker";
import { toNullableBoolean } from "./exchange-gateway";
import type { GraphRequester } from "./graph-requester";
import type { ExchangeOperation } from "./permission-manifest";
import { isM365Error, M365Error } from "./m365-error";
import type { AppServicePrincipal, ExchangeServicePrincipal, HveAccount, InboundConnector, MigrationGateway, TracedMessage } from "./migration-gateway";

const text = (v: unknown): string => (typeof v === "string" ? v : "");
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : []);

/** MigrationGateway over Exchange's InvokeCommand and Graph, for one tenant. */
export class InvokeCommandMigrationGateway implements MigrationGateway {
  constructor(private readonly invoker: ExchangeInvoker, private readonly graph: GraphRequester) {}

  async getHveAccount(address: string): Promise<HveAccount | null> {
    const [first] = await this.orNone(this.invoker.invoke({ operation: "exchange.getHveAccount", cmdlet: "Get-MailUser", parameters: { Identity: address }, select: ["PrimarySmtpAddress", "ExternalDirectoryObjectId"] }));
    return first ? { primarySmtpAddress: text(first.PrimarySmtpAddress).toLowerCase(), externalDirectoryObjectId: text(first.ExternalDirectoryObjectId) } : null;
  }

  async newHveAccount(input: { name: string; address: string; password: string }): Promise<void> {
    // learn.microsoft.com/exchange/mail-flow-best-practices/high-volume-mails-m365: New-MailUser -HVEAccount.
    await this.invoker.invoke({
      operation: "exchange.newHveAccount",
      cmdlet: "New-MailUser",
      parameters: { HVEAccount: true, Name: input.name, PrimarySmtpAddress: input.address, Password: input.password },
    });
  }

  async removeHveAccount(address: string): Promise<void> {
    await this.remove("exchange.removeHveAccount", "Remove-MailUser", { Identity: address });
  }

  async getHveBillingPolicyStatus(address: string): Promise<string> {
    const [policy] = await this.invoker.invoke({ operation: "exchange.getHveBillingPolicy", cmdlet: "Get-HVEAccountBillingPolicy", parameters: { Identity: address }, select: ["BillingPolicyStatus"] });
    const status = text(policy?.BillingPolicyStatus);
    if (!status) throw unexpected("exchange.getHveBillingPolicy", "BillingPolicyStatus");
    return status;
  }

  async getRejectDirectSend(): Promise<boolean> {
    const [org] = await this.invoker.invoke({ operation: "exchange.getOrganizationConfig", cmdlet: "Get-OrganizationConfig", parameters: {}, select: ["RejectDirectSend"] });
    // Absent in a tenant that never set it: Direct Send is allowed then.
    return toNullableBoolean(org?.RejectDirectSend) === true;
  }

  async listInboundConnectors(): Promise<InboundConnector[]> {
    const connectors = await this.invoker.invoke({ operation: "exchange.listInboundConnectors", cmdlet: "Get-InboundConnector", parameters: {}, select: ["Name", "ConnectorType", "SenderIPAddresses", "Enabled"] });
    return connectors.map((c) => ({ name: text(c.Name), connectorType: text(c.ConnectorType), senderIpAddresses: texts(c.SenderIPAddresses), enabled: toNullableBoolean(c.Enabled) !== false }));
  }

  async newRelayConnector(input: { name: string; senderIp: string }): Promise<void> {
    // An OnPremises connector that recognises the device by its IP address alone: learn.microsoft.com/exchange/
    // mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365 (option 3).
    await this.invoker.invoke({
      operation: "exchange.newInboundConnector",
      cmdlet: "New-InboundConnector",
      parameters: { Name: input.name, ConnectorType: "OnPremises", SenderDomains: ["*"], SenderIPAddresses: [input.senderIp], RestrictDomainsToIPAddresses: true, Enabled: true },
    });
  }

  async removeInboundConnector(name: string): Promise<void> {
    await this.remove("exchange.removeInboundConnector", "Remove-InboundConnector", { Identity: name });
  }

  async findAppServicePrincipal(appId: string): Promise<AppServicePrincipal | null> {
    const reply = await this.graph.send<{ value?: Array<{ id?: string; appId?: string; displayName?: string }> }>({
      operation: "graph.findAppServicePrincipal",
      method: "GET",
      path: `/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${appId}'`)}&$select=id,appId,displayName`,
    });
    const sp = reply.value?.[0];
    return sp?.id ? { id: sp.id, appId: sp.appId ?? appId, displayName: sp.displayName ?? appId } : null;
  }

  async getExchangeServicePrincipal(appId: string): Promise<ExchangeServicePrincipal | null> {
    const [sp] = await this.orNone(this.invoker.invoke({ operation: "exchange.getServicePrincipal", cmdlet: "Get-ServicePrincipal", parameters: { Identity: appId }, select: ["AppId", "ObjectId", "DisplayName"] }));
    return sp ? { appId: text(sp.AppId).toLowerCase(), objectId: text(sp.ObjectId).toLowerCase(), displayName: text(sp.DisplayName) } : null;
  }

  async newExchangeServicePrincipal(input: ExchangeServicePrincipal): Promise<void> {
    await this.invoker.invoke({
      operation: "exchange.newServicePrincipal",
      cmdlet: "New-ServicePrincipal",
      parameters: { AppId: input.appId, ObjectId: input.objectId, DisplayName: input.displayName },
    });
  }

  async removeExchangeServicePrincipal(appId: string): Promise<void> {
    await this.remove("exchange.removeServicePrincipal", "Remove-ServicePrincipal", { Identity: appId });
  }

  async getMailboxAccessRights(mailbox: string, user: string): Promise<string[]> {
    const grants = await this.invoker.invoke({ operation: "exchange.getMailboxPermission", cmdlet: "Get-MailboxPermission", parameters: { Identity: mailbox, User: user }, select: ["User", "AccessRights", "Deny"] });
    return grants.filter((g) => toNullableBoolean(g.Deny) !== true).flatMap((g) => texts(g.AccessRights));
  }

  async addMailboxFullAccess(mailbox: string, user: string): Promise<void> {
    await this.invoker.invoke({
      operation: "exchange.addMailboxPermission",
      cmdlet: "Add-MailboxPermission",
      parameters: { Identity: mailbox, User: user, AccessRights: ["FullAccess"], AutoMapping: false },
    });
  }

  async removeMailboxAccess(mailbox: string, user: string, accessRights: string[]): Promise<void> {
    await this.remove("exchange.removeMailboxPermission", "Remove-MailboxPermission", { Identity: mailbox, User: user, AccessRights: accessRights });
  }

  async listMessagesFrom(fromIp: string, sinceIso: string, untilIso: string): Promise<TracedMessage[]> {
    const messages = await this.invoker.invoke({
      operation: "exchange.listMessageTrace",
      cmdlet: "Get-MessageTraceV2",
      parameters: { FromIP: fromIp, StartDate: sinceIso, EndDate: untilIso },
      select: ["Received", "SenderAddress", "FromIP", "Status"],
    });
    return messages.map((m) => ({ received: text(m.Received), senderAddress: text(m.SenderAddress), fromIp: text(m.FromIP), status: text(m.Status) }));
  }

  /** A Remove- cmdlet (InvokeCommand asks no confirmation); an object already gone is what the undo wanted. */
  private async remove(operation: ExchangeOperation, cmdlet: string, parameters: Record<string, unknown>): Promise<void> {
    await this.orNone(this.invoker.invoke({ operation, cmdlet, parameters }));
  }

  /** A Get- cmdlet's answer, or none when Exchange says the object does not exist. */
  private async orNone(reply: Promise<Array<Record<string, unknown>>>): Promise<Array<Record<string, unknown>>> {
    try {
      return await reply;
    } catch (e) {
      if (isM365Error(e) && e.kind === "not-found") return [];
      throw e;
    }
  }
}

function unexpected(operation: string, property: string): M365Error {
  return new M365Error(`exchange ${operation}: the reply had no readable ${property}`, { kind: "permanent", service: "exchange", operation, code: "UnexpectedReply" });
}
