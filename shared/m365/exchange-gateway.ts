import type { ExchangeInvoker } from "./exchange-invoker";
import { isM365Error, M365Error } from "./m365-error";
import type { AuthenticationPolicy, CasMailbox, ExchangeGateway, ExchangeRoleGroup } from "./m365-gateway";

/** Only what CasMailbox needs travels over the wire. */
export const CAS_MAILBOX_SELECT = [
  "Identity",
  "PrimarySmtpAddress",
  "ExternalDirectoryObjectId",
  "SmtpClientAuthenticationDisabled",
] as const;

/**
 * One mailbox's read adds CASMailbox.EmailAddresses (https://learn.microsoft.com/en-us/previous-versions/office/developer/exchange-server-2010/ff345042(v=exchg.140)):
 * the write-time account check matches the policy against every address of the mailbox Exchange resolved.
 * Listings leave it out (the nightly audit pages every mailbox and needs no addresses).
 */
const ONE_CAS_MAILBOX_SELECT = [...CAS_MAILBOX_SELECT, "EmailAddresses"] as const;

/** A boolean-or-null property as Exchange may send it (JSON boolean, or "True"/"False" text). */
export function toNullableBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return null;
}

/** One Get-CASMailbox object as a CasMailbox. */
export function toCasMailbox(json: Record<string, unknown>): CasMailbox {
  const text = (v: unknown): string => (typeof v === "string" ? v : "");
  return {
    identity: text(json.Identity),
    primarySmtpAddress: text(json.PrimarySmtpAddress),
    externalDirectoryObjectId: text(json.ExternalDirectoryObjectId),
    emailAddresses: Array.isArray(json.EmailAddresses) ? json.EmailAddresses.filter((a): a is string => typeof a === "string") : [],
    smtpClientAuthenticationDisabled: toNullableBoolean(json.SmtpClientAuthenticationDisabled),
  };
}

/** ExchangeGateway over InvokeCommand, for one tenant. */
export class InvokeCommandExchangeGateway implements ExchangeGateway {
  constructor(private readonly invoker: ExchangeInvoker) {}

  async getCasMailbox(identity: string): Promise<CasMailbox | null> {
    try {
      const [first] = await this.invoker.invoke({
        operation: "exchange.getCasMailbox",
        cmdlet: "Get-CASMailbox",
        parameters: { Identity: identity },
        select: ONE_CAS_MAILBOX_SELECT,
      });
      return first ? toCasMailbox(first) : null;
    } catch (e) {
      if (isM365Error(e) && e.kind === "not-found") return null;
      throw e;
    }
  }

  async setCasMailboxSmtpAuthDisabled(identity: string, disabled: boolean | null): Promise<void> {
    await this.invoker.invoke({
      operation: "exchange.setCasMailbox",
      cmdlet: "Set-CASMailbox",
      parameters: { Identity: identity, SmtpClientAuthenticationDisabled: disabled },
    });
  }

  async *listCasMailboxes(): AsyncIterable<CasMailbox[]> {
    // After a paging restart Exchange sends the first pages again; yield each mailbox once.
    const seen = new Set<string>();
    const pages = this.invoker.invokePaged({
      operation: "exchange.listCasMailboxes",
      cmdlet: "Get-CASMailbox",
      parameters: { ResultSize: "Unlimited" },
      select: CAS_MAILBOX_SELECT,
    });
    for await (const page of pages) {
      const fresh: CasMailbox[] = [];
      for (const json of page) {
        const mailbox = toCasMailbox(json);
        const key = mailbox.externalDirectoryObjectId || mailbox.primarySmtpAddress || mailbox.identity;
        if (seen.has(key)) continue;
        seen.add(key);
        fresh.push(mailbox);
      }
      if (fresh.length > 0 || page.length === 0) yield fresh;
    }
  }

  async getOrgSmtpAuthDisabled(): Promise<boolean> {
    const [config] = await this.invoker.invoke({
      operation: "exchange.getTransportConfig",
      cmdlet: "Get-TransportConfig",
      parameters: {},
      select: ["SmtpClientAuthenticationDisabled"],
    });
    const value = toNullableBoolean(config?.SmtpClientAuthenticationDisabled);
    if (value === null) throw unexpected("exchange.getTransportConfig", "SmtpClientAuthenticationDisabled");
    return value;
  }

  async setOrgSmtpAuthDisabled(disabled: boolean): Promise<void> {
    await this.invoker.invoke({
      operation: "exchange.setTransportConfig",
      cmdlet: "Set-TransportConfig",
      parameters: { SmtpClientAuthenticationDisabled: disabled },
    });
  }

  async listRoleGroups(): Promise<ExchangeRoleGroup[]> {
    const groups = await this.invoker.invoke({
      operation: "exchange.listRoleGroups",
      cmdlet: "Get-RoleGroup",
      parameters: { ResultSize: "Unlimited" },
      select: ["Name", "Members"],
    });
    return groups.flatMap((g) => (typeof g.Name === "string" ? [{ name: g.Name, hasMembers: !(Array.isArray(g.Members) && g.Members.length === 0) }] : []));
  }

  async listRoleGroupMemberIds(roleGroup: string): Promise<string[]> {
    const members = await this.invoker.invoke({
      operation: "exchange.listRoleGroupMembers",
      cmdlet: "Get-RoleGroupMember",
      parameters: { Identity: roleGroup, ResultSize: "Unlimited" },
      select: ["Name", "ExternalDirectoryObjectId"],
    });
    return members.flatMap((m) => (typeof m.ExternalDirectoryObjectId === "string" && m.ExternalDirectoryObjectId ? [m.ExternalDirectoryObjectId] : []));
  }

  async getAuthenticationPolicyFor(identity: string): Promise<AuthenticationPolicy | null> {
    // Most users have no policy of their own and follow the organisation's default: ask for both at
    // once, so the chain is two rounds of Exchange's 1–2 s at most, not three.
    const orgDefault = this.orgDefaultPolicyName();
    orgDefault.catch(() => undefined); // needed only when the user has no policy; its failure counts then
    const [user] = await this.invoker.invoke({
      operation: "exchange.getUser",
      cmdlet: "Get-User",
      parameters: { Identity: identity },
      select: ["AuthenticationPolicy"],
    });
    const name = policyName(user?.AuthenticationPolicy) ?? (await orgDefault);
    if (!name) return null;
    const [policy] = await this.invoker.invoke({
      operation: "exchange.getAuthenticationPolicy",
      cmdlet: "Get-AuthenticationPolicy",
      parameters: { Identity: name },
      select: ["Name", "AllowBasicAuthSmtp"],
    });
    if (!policy) return null;
    return { name: policyName(policy.Name) ?? name, allowBasicAuthSmtp: toNullableBoolean(policy.AllowBasicAuthSmtp) === true };
  }

  private async orgDefaultPolicyName(): Promise<string | null> {
    const [org] = await this.invoker.invoke({
      operation: "exchange.getOrganizationConfig",
      cmdlet: "Get-OrganizationConfig",
      parameters: {},
      select: ["DefaultAuthenticationPolicy"],
    });
    return policyName(org?.DefaultAuthenticationPolicy);
  }
}

function policyName(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function unexpected(operation: string, property: string): M365Error {
  return new M365Error(`exchange ${operation}: the reply had no readable ${property}`, {
    kind: "permanent",
    service: "exchange",
    operation,
    code: "UnexpectedReply",
  });
}
