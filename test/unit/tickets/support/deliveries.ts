import { readFileSync } from "node:fs";
import { join } from "node:path";
import { signAutotask, signConnectWise, signJira, signZendesk } from "../../../../shared/tickets/verify-signature";
import type { TicketSystem } from "../../../../shared/domain/types";
import type { TicketConnection } from "../../../../shared/tickets/systems";

/** The secrets every test configures, one per system. */
export const SECRETS: Record<TicketSystem, string> = {
  zendesk: "zd-signing-secret-8f3a-0123456789abcdef",
  jira: "jira-webhook-secret-77c1-0123456789abcdef",
  servicenow: "sn-shared-secret-1d9e-0123456789abcdef",
  freshservice: "fs-shared-secret-40b2-0123456789abcdef",
  halopsa: "halo-shared-secret-6a6f-0123456789abcdef",
  generic: "generic-shared-secret-0c33-0123456789abcdef",
  // ConnectWise: the signing key its site hands out at the callback's key URL (the endpoint's own secret only opens it).
  connectwise: "cw-signing-key-2b7d-0123456789abcdef",
  autotask: "at-secret-key-91c4-0123456789abcdef",
};

/** The ConnectWise site the fixtures' key URL points at. */
export const CONNECTWISE_SITE = "https://api-na.myconnectwise.net";

/**
 * The app-wide connection each system has in unit tests, on the hosts the fixtures' ticket links use
 * (a link elsewhere is dropped). Credentials are placeholders: these tests write no notes.
 */
export const CONNECTIONS: Record<TicketSystem, TicketConnection> = {
  zendesk: { baseUrl: "https://contoso.zendesk.com", credentials: { authorization: "Basic x" }, options: {} },
  jira: { baseUrl: "https://contoso-it.atlassian.net", credentials: { authorization: "Basic x" }, options: {} },
  servicenow: { baseUrl: "https://contoso.service-now.com", credentials: { authorization: "Basic x" }, options: {} },
  freshservice: { baseUrl: "https://contoso.freshservice.com", credentials: { authorization: "Basic x" }, options: {} },
  halopsa: { baseUrl: "https://contoso.halopsa.com", credentials: { authorization: "Bearer x" }, options: {} },
  generic: { baseUrl: "https://hooks.contoso.com/notes", credentials: {}, options: { ticketUrlBase: "https://rt.contoso.com" } },
  connectwise: { baseUrl: CONNECTWISE_SITE, credentials: { companyId: "contoso_msp", publicKey: "p", privateKey: "k", clientId: "c" }, options: {} },
  autotask: { baseUrl: "https://webservices.autotask.net", credentials: { userName: "u", secret: "s", integrationCode: "i" }, options: {} },
};

/** The ConnectWise site as far as unit tests need it: its key URLs answer with the signing key; nothing else is reachable. */
export const connectwiseKeyFetch: typeof fetch = async (input) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith(`${CONNECTWISE_SITE}/`)) throw new TypeError("fetch failed");
  return new Response(JSON.stringify({ signing_key: SECRETS.connectwise }), { status: 200, headers: { "content-type": "application/json" } });
};

/** A fixed clock for signatures and replay windows. */
export const NOW = new Date("2026-11-27T10:00:00.000Z");

/** The raw text of a fixture in test/fixtures/webhooks. */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, "../../../fixtures/webhooks", name), "utf8");
}

export interface Delivery {
  system: string;
  rawBody: string;
  headers: Record<string, string | undefined>;
}

/** Headers as the real system would sign or authorise this body with the given secret. */
export function signedHeaders(system: TicketSystem, rawBody: string, secret = SECRETS[system], at = NOW): Record<string, string> {
  const base = { "content-type": "application/json" };
  if (system === "zendesk") {
    const timestamp = at.toISOString().replace(/\.\d{3}Z$/, "Z");
    return {
      ...base,
      "x-zendesk-webhook-signature": signZendesk(secret, timestamp, rawBody),
      "x-zendesk-webhook-signature-timestamp": timestamp,
      "x-zendesk-webhook-id": "01HGW3WEBHOOK",
    };
  }
  if (system === "jira") return { ...base, "x-hub-signature": signJira(secret, rawBody), "x-atlassian-webhook-identifier": "a1b2c3-delivery-1" };
  if (system === "connectwise") return { ...base, "x-content-signature": signConnectWise(secret, rawBody) };
  if (system === "autotask") return { ...base, "x-hook-signature": signAutotask(secret, rawBody) };
  return { ...base, authorization: `Bearer ${secret}` };
}

/** A correctly signed delivery of a fixture. */
export function signedDelivery(system: TicketSystem, fixtureName: string): Delivery {
  const rawBody = fixture(fixtureName);
  return { system, rawBody, headers: signedHeaders(system, rawBody) };
}

/** The fixture that stands for each system in table-driven tests. */
export const FIXTURE_BY_SYSTEM: Record<TicketSystem, string> = {
  zendesk: "zendesk-ticket-created.json",
  jira: "jira-issue-created.json",
  servicenow: "servicenow-incident.json",
  freshservice: "freshservice-ticket.json",
  halopsa: "halopsa-ticket.json",
  generic: "generic-ticket.json",
  connectwise: "connectwise-ticket-added.json",
  autotask: "autotask-ticket-created.json",
};
