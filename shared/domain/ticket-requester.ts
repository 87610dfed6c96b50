/** Who raised the ticket a webhook request came from, as far as intake could tell. */
export interface TicketOrigin {
  /** The requester's address, when the ticket names one. */
  requester?: string;
  /** The ticket system (or TICKET_AGENT_DOMAINS) says the requester is one of its agents. */
  agent: boolean;
}

/**
 * Whether a ticket's requester may ask for a change that runs without a person: one of the tenant's
 * own people (an address in its verified, onboarded domains) or an agent of the ticket system.
 * Anyone else, or nobody known, only asks: a person decides. Without I/O.
 */
export function ticketRequesterStanding(origin: TicketOrigin, tenantDomains: readonly string[]): "insider" | "agent" | "outsider" | "unknown" {
  if (origin.agent) return "agent";
  if (!origin.requester) return "unknown";
  const domain = origin.requester.slice(origin.requester.lastIndexOf("@") + 1).toLowerCase();
  return tenantDomains.some((d) => d.toLowerCase() === domain) ? "insider" : "outsider";
}
