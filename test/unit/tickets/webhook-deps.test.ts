import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAppServices } from "../../../shared/app-services";
import { loadSettings } from "../../../shared/config/settings";
import { resolveTenantPolicy } from "../../../shared/domain/tenant-policy";
import { acceptWebhook } from "../../../shared/tickets/accept-webhook";
import { webhookDepsFor } from "../../../shared/tickets/webhook-deps";
import type { AppServices } from "../../../shared/app-services";
import type { TicketNote } from "../../../shared/tickets/ticket-note";
import { MemoryQueue } from "./support/memory-queue";

const SECRET = "generic-secret-for-webhook-deps-0123456789";
const REQUEST_URL = "http://127.0.0.1:7071/api/webhooks/generic";
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe("webhookDepsFor with the real stores on Azurite", () => {
  const suffix = randomUUID().slice(0, 8);
  const domain = `wh-${suffix}.example`;
  const outbox = new MemoryQueue();
  let services: AppServices;

  beforeAll(async () => {
    const connection = process.env["AZURITE_CONNECTION_STRING"];
    if (!connection) throw new Error("AZURITE_CONNECTION_STRING is set by test/support/global-setup.ts");
    const settings = loadSettings({
      AzureWebJobsStorage: connection,
      QUEUE_TRANSPORT: "local",
      PUBLIC_BASE_URL: "https://smtpfix.example.net",
      WEBHOOK_SECRET_GENERIC: SECRET,
      WEBHOOK_SHARED_ROUTE: "on",
    });
    services = await buildAppServices(settings, quiet);
    await services.tenants.put({ tenantId: `tenant-${suffix}`, displayName: "Webhook test", domains: [domain], policy: resolveTenantPolicy({ locale: "bg" }), verification: { status: "verified", checkedAt: new Date().toISOString() } }, new Date());
  });
  afterAll(async () => services?.queue.close());

  const send = (body: object) => {
    const rawBody = JSON.stringify(body);
    return acceptWebhook({ system: "generic", rawBody, headers: { authorization: `Bearer ${SECRET}` } }, webhookDepsFor({ ...services, queue: outbox }, REQUEST_URL));
  };

  it("stores one remediation per ticket, whatever event or delivery brings it again", async () => {
    const ticketId = `T-${suffix}`;
    const description = `Scanner scanner@${domain} fails: 535 5.7.139 Authentication unsuccessful`;
    const first = await send({ ticketId, event: "created", description, deliveryId: "d-1" });
    const redelivered = await send({ ticketId, event: "created", description, deliveryId: "d-1" });
    const updated = await send({ ticketId, event: "updated", description, deliveryId: "d-2" });
    expect(first.status).toBe(202);
    const { id, statusUrl } = first.body as { id: string; statusUrl: string };
    expect(statusUrl).toBe(`https://smtpfix.example.net/api/remediations/${id}`);
    expect([redelivered.body, updated.body].map((b) => (b as { id: string }).id)).toEqual([id, id]);
    const stored = await services.requests.get(id);
    expect(stored?.record).toMatchObject({
      mailbox: `scanner@${domain}`,
      source: "webhook:generic",
      ticket: { system: "generic", id: ticketId },
      errorText: `Scanner scanner@${domain} fails: 535 5.7.139 Authentication unsuccessful`,
    });
  });

  it("answers 404 for a mailbox outside every onboarded tenant and says so on the ticket", async () => {
    const result = await send({ ticketId: `T-${suffix}-x`, mailbox: `printer@nobody-${suffix}.example` });
    expect(result).toMatchObject({ status: 404, body: { error: { code: "TENANT_NOT_FOUND" } } });
    const note = outbox.sent.map((m) => m.body as TicketNote).find((n) => n.ticketId === `T-${suffix}-x`);
    expect(note).toMatchObject({ kind: "needs-attention", locale: "en" });
  });

  it("asks for the mailbox in the language of the requester's tenant", async () => {
    const result = await send({ ticketId: `T-${suffix}-q`, description: "Скенерът не праща поща", requester: `ivan@${domain}` });
    expect(result).toEqual({ status: 202, body: { status: "needs-mailbox" } });
    const note = outbox.sent.map((m) => m.body as TicketNote).find((n) => n.ticketId === `T-${suffix}-q`);
    expect(note).toMatchObject({ kind: "needs-mailbox", locale: "bg" });
  });
});
