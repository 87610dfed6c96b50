import { readFileSync } from "node:fs";
import { join } from "node:path";
import { signJira, signZendesk } from "../../../../shared/tickets/verify-signature";
import type { TicketSystem } from "../../../../shared/domain/types";

/** The secrets every test configures, one per system. */
export const SECRETS: Record<TicketSystem, string> = {
  zendesk: "zd-signing-secret-8f3a-0123456789abcdef",
  jira: "jira-webhook-secret-77c1-0123456789abcdef",
  servicenow: "sn-shared-secret-1d9e-0123456789abcdef",
  freshservice: "fs-shared-secret-40b2-0123456789abcdef",
  halopsa: "halo-shared-secret-6a6f-0123456789abcdef",
  generic: "generic-shared-secret-0c33-0123456789abcdef",
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
};
