import type { LocalStack } from "../dev/local-stack";

/** One simulated customer tenant of the flood, with the device mailboxes its tickets are about. */
export interface FloodTenant {
  tenantId: string;
  domain: string;
  mailboxes: string[];
}

/** The standing policy of a flood tenant: both benchmarked steps run without a person on its device mailboxes, all day long. */
export const FLOOD_POLICY = { autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], deviceAccounts: ["device*@*"], maxAutomaticPerDay: 10_000 };

/**
 * T tenants, tickets dealt round-robin: each mailbox is blocked by its own SMTP AUTH flag and by
 * per-user MFA, so every ticket needs two weakening steps, both allowed by the tenant's policy.
 */
export async function seedFloodTenants(stack: LocalStack, tenants: number, tickets: number): Promise<FloodTenant[]> {
  const out: FloodTenant[] = Array.from({ length: tenants }, (_, t) => {
    const n = String(t + 1).padStart(3, "0");
    return { tenantId: `flood-${n}`, domain: `flood${n}.example`, mailboxes: [] };
  });
  for (let i = 0; i < tickets; i++) {
    const tenant = out[i % tenants]!;
    tenant.mailboxes.push(`device${String(Math.floor(i / tenants)).padStart(4, "0")}@${tenant.domain}`);
  }
  for (const tenant of out) {
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: tenant.tenantId, domain: tenant.domain, mailboxes: 0, securityDefaults: false, orgSmtpAuthDisabled: true } });
    for (const upn of tenant.mailboxes) {
      await stack.simApi(`/_sim/tenants/${tenant.tenantId}/mailboxes/${upn}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", licensed: true } });
    }
    const onboarded = await stack.api(`/api/tenants/${tenant.tenantId}`, { method: "PUT", body: { domains: [tenant.domain], policy: FLOOD_POLICY } });
    if (onboarded.status >= 300) throw new Error(`onboarding ${tenant.tenantId} answered ${onboarded.status}: ${JSON.stringify(onboarded.body)}`);
  }
  return out;
}

/** The order tickets arrive in: one per tenant in turn, as the mailboxes were dealt. */
export function arrivalOrder(tenants: FloodTenant[]): string[] {
  const order: string[] = [];
  const longest = Math.max(...tenants.map((t) => t.mailboxes.length));
  for (let i = 0; i < longest; i++) for (const tenant of tenants) if (tenant.mailboxes[i]) order.push(tenant.mailboxes[i]!);
  return order;
}

/** A Zendesk "ticket created" event about one device, as Zendesk would send it. */
export function zendeskTicket(mailbox: string, ticketNumber: number): string {
  const description = `The scanner signs in to smtp.office365.com:587 as ${mailbox} and now fails:\n  535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.`;
  const id = String(100_000 + ticketNumber);
  return JSON.stringify({
    account_id: 22129848,
    detail: { id, subject: `Scanner cannot send email - 5.7.139 (${mailbox})`, description, status: "NEW", requester_id: "8447388090494", created_at: new Date().toISOString(), via: { channel: "web_service" } },
    event: {},
    id: `flood-event-${id}`,
    subject: `zen:ticket:${id}`,
    time: new Date().toISOString(),
    type: "zen:event-type:ticket.created",
    zendesk_event_version: "2022-11-06",
  });
}
