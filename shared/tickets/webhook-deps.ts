import { AppError, isAppError } from "../errors/app-error";
import { FailedSignatureLimiter } from "./failed-signature-limiter";
import { acceptRemediation } from "../remediation/accept-remediation";
import { statusUrlFor } from "../remediation/remediation-view";
import { enqueueNoteOnce } from "./note-once";
import { lookupZendeskRequester } from "./zendesk-requester";
import { SYSTEM_MODULES } from "./systems";
import type { AppServices } from "../app-services";
import type { Locale } from "../domain/types";
import type { IntegrationUsers } from "./parse-webhook";
import type { AcceptRemediationRequest, AcceptRemediationResult, AcceptWebhookDeps } from "./accept-webhook";

/**
 * Wires acceptWebhook to the app: the remediation intake, the outbox queue, tenant locales and the
 * webhook secrets from settings. `requestUrl` gives status links their origin when PUBLIC_BASE_URL is unset.
 */
/** One per process, across deliveries: the brake on guessing at an endpoint's secret. */
const failedSignatures = new FailedSignatureLimiter();

export function webhookDepsFor(services: AppServices, requestUrl: string): AcceptWebhookDeps {
  return {
    secrets: services.settings.webhookSecrets,
    tenantSecrets: (tenantKey, system) => services.webhookSecrets.resolve(tenantKey, system, new Date()),
    // A tenant endpoint uses its tenant's own connection only; the bare route the app's settings.
    connectionFor: (tenantId, system) => (tenantId ? services.ticketConnections.get(tenantId, system) : Promise.resolve(SYSTEM_MODULES[system].settings.fromAppSettings(services.settings.raw))),
    hmacRequired: hmacRequiredSystems(services.settings.WEBHOOK_REQUIRE_HMAC),
    now: () => new Date(),
    acceptRemediation: (request) => startRemediation(services, request, requestUrl),
    enqueueNote: (note) => enqueueNoteOnce(services.queue, services.idempotency, note).then(() => undefined),
    localeForDomain: async (domain) => {
      const tenants = await services.tenants.findByDomain(domain);
      return tenants.length === 1 ? tenants[0]!.policy.locale : undefined;
    },
    defaultLocale: defaultTicketLocale(services.settings.raw),
    integrationUsers: integrationUsers(services.settings.raw),
    lookupRequester: (requesterId) => lookupZendeskRequester(requesterId, services.settings.raw),
    sharedRoute: services.settings.WEBHOOK_SHARED_ROUTE === "on",
    failedSignatures,
  };
}

/** The accounts the app-wide write-back signs in as, by system (ServiceNow's Basic user, ConnectWise's API member, ...). */
export function integrationUsers(settings: Readonly<Record<string, string | undefined>>): IntegrationUsers {
  const users: IntegrationUsers = {};
  for (const module of Object.values(SYSTEM_MODULES)) {
    const connection = module.settings.fromAppSettings(settings);
    const user = connection && module.settings.integrationUser?.(connection);
    if (user) users[module.system] = user;
  }
  return users;
}

/** WEBHOOK_REQUIRE_HMAC as a set: "jira,generic" → those systems' bearer secrets are refused. */
export function hmacRequiredSystems(setting: string): ReadonlySet<string> {
  return new Set(setting.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean));
}

/** A tenant endpoint acts only on mailboxes of its tenant's own domains; any other is refused, never re-routed. */
async function requireOwnDomain(services: AppServices, tenantId: string, mailbox: string): Promise<void> {
  const tenant = await services.tenants.get(tenantId);
  const domain = mailbox.slice(mailbox.lastIndexOf("@") + 1).toLowerCase();
  if (!tenant || !tenant.domains.includes(domain)) {
    throw new AppError("TENANT_NOT_FOUND", `The mailbox's domain ${domain} is not one of this tenant's domains.`);
  }
}

/** TICKET_AGENT_DOMAINS: the help desk's own domains (comma-separated); a requester there is an agent of the ticket system. */
export function isAgentAddress(address: string | undefined, settings: Readonly<Record<string, string | undefined>>): boolean {
  if (!address) return false;
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  return (settings["TICKET_AGENT_DOMAINS"] ?? "").split(",").some((d) => d.trim().toLowerCase() === domain && domain !== "");
}

/** TICKET_DEFAULT_LOCALE (en | bg): the language of notes for tickets whose tenant is not known yet. */
export function defaultTicketLocale(settings: Readonly<Record<string, string | undefined>>): Locale {
  return settings["TICKET_DEFAULT_LOCALE"] === "bg" ? "bg" : "en";
}

async function startRemediation(services: AppServices, request: AcceptRemediationRequest, requestUrl: string): Promise<AcceptRemediationResult> {
  const { ticket } = request;
  try {
    if (request.tenantId) await requireOwnDomain(services, request.tenantId, request.mailbox);
    // No idempotency key on purpose: intake dedupes on the verified ticket (per tenant and system), which
    // covers redeliveries of one delivery and later updates of the same ticket alike (one remediation per ticket).
    const { record } = await acceptRemediation(
      { ...(request.tenantId ? { tenantId: request.tenantId } : {}), mailbox: request.mailbox, errorText: request.errorText },
      {
        source: `webhook:${ticket.system}`,
        // The ticket's link was checked against its connection's base URL by intake.
        verifiedTicket: ticket,
        ...(request.requestedBy ? { ticketRequester: request.requestedBy } : {}),
        ...(request.requesterIsAgent || isAgentAddress(request.requestedBy, services.settings.raw) ? { ticketRequesterAgent: true } : {}),
      },
      services.remediation,
    );
    const statusUrl = statusUrlFor(record.id, requestUrl, services.settings.PUBLIC_BASE_URL);
    return { ok: true, id: record.id, status: record.status, statusUrl };
  } catch (error) {
    if (isAppError(error)) return { ok: false, status: error.status, code: error.code, message: error.message };
    throw error;
  }
}
