import { describe, expect, it } from "vitest";
import { acceptWebhook, MAX_WEBHOOK_BODY_BYTES } from "../../../shared/tickets/accept-webhook";
import { TICKET_SYSTEMS } from "../../../shared/domain/types";
import { FakeRemediations } from "./support/fake-remediations";
import { FIXTURE_BY_SYSTEM, NOW, SECRETS, fixture, signedDelivery, signedHeaders } from "./support/deliveries";

const EXPECTED_MAILBOX = {
  zendesk: "scanner.floor2@contoso.com",
  jira: "payroll@contoso.com",
  servicenow: "copier.sofia@fabrikam.bg",
  freshservice: "alarms@contoso.com",
  halopsa: "invoices@contoso.com",
  generic: "nas-reports@contoso.com",
  connectwise: "scanner.reception@contoso.com",
  autotask: "scan.finance@contoso.com",
} as const;

describe("acceptWebhook", () => {
  it.each(TICKET_SYSTEMS)("starts a remediation from a signed %s delivery with the mailbox and error from its text", async (system) => {
    const fake = new FakeRemediations();
    const result = await acceptWebhook(signedDelivery(system, FIXTURE_BY_SYSTEM[system]), fake.deps());
    expect(result).toEqual({ status: 202, body: { id: "req-1", status: "queued", statusUrl: "http://127.0.0.1:7071/api/remediations/req-1" } });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ mailbox: EXPECTED_MAILBOX[system], ticket: { system } });
    expect(fake.requests[0]?.errorText).toMatch(/5\.7\.(57|3|139)/);
    expect(fake.notes).toEqual([]);
  });

  it("refuses every delivery to the bare route unless the shared route is turned on, before reading it", async () => {
    for (const system of TICKET_SYSTEMS) {
      const fake = new FakeRemediations();
      const result = await acceptWebhook(signedDelivery(system, FIXTURE_BY_SYSTEM[system]), fake.deps({ sharedRoute: undefined }));
      expect(result).toMatchObject({ status: 404, body: { error: { code: "SHARED_WEBHOOK_ROUTE_OFF" } } });
      expect(fake.requests).toEqual([]);
      expect(fake.notes).toEqual([]);
    }
  });

  it("passes the ticket reference and the requester on with the request", async () => {
    const fake = new FakeRemediations();
    await acceptWebhook(signedDelivery("jira", "jira-issue-created.json"), fake.deps());
    expect(fake.requests[0]).toMatchObject({
      ticket: { system: "jira", id: "HELP-231", url: "https://contoso-it.atlassian.net/browse/HELP-231" },
      requestedBy: "ivan.dimitrov@contoso.com",
    });
  });

  it.each(TICKET_SYSTEMS)("returns the same remediation when %s delivers the same webhook again", async (system) => {
    const fake = new FakeRemediations();
    const delivery = signedDelivery(system, FIXTURE_BY_SYSTEM[system]);
    const first = await acceptWebhook(delivery, fake.deps());
    const again = await acceptWebhook({ ...delivery, headers: { ...delivery.headers } }, fake.deps());
    expect(again).toEqual(first);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it("gives a different delivery id of the same ticket its own idempotency key", async () => {
    const fake = new FakeRemediations();
    const delivery = signedDelivery("jira", "jira-issue-created.json");
    await acceptWebhook(delivery, fake.deps());
    await acceptWebhook({ ...delivery, headers: { ...delivery.headers, "x-atlassian-webhook-identifier": "a1b2c3-delivery-2" } }, fake.deps());
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(2);
  });

  it("dedupes a ServiceNow redelivery on sys_id + sys_updated_on and not across updates", async () => {
    const fake = new FakeRemediations();
    const raw = fixture("servicenow-incident.json");
    const updated = raw.replace("2026-11-27 10:12:45", "2026-11-27 10:20:00");
    for (const body of [raw, raw, updated]) {
      await acceptWebhook({ system: "servicenow", rawBody: body, headers: signedHeaders("servicenow", body) }, fake.deps());
    }
    const keys = fake.requests.map((r) => r.idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("asks on the ticket for the mailbox when several addresses could be it, and starts nothing", async () => {
    const fake = new FakeRemediations();
    const body = JSON.stringify({ ticketId: "T-5", description: "The scanner scan1@contoso.com and the printer print2@contoso.com both fail with 5.7.57" });
    const result = await acceptWebhook({ system: "generic", rawBody: body, headers: signedHeaders("generic", body) }, fake.deps());
    expect(result).toEqual({ status: 202, body: { status: "needs-mailbox", candidates: ["print2@contoso.com", "scan1@contoso.com"] } });
    expect(fake.requests).toEqual([]);
    expect(fake.notes).toHaveLength(1);
    expect(fake.notes[0]).toMatchObject({ system: "generic", ticketId: "T-5", kind: "needs-mailbox", locale: "en", content: { candidates: ["print2@contoso.com", "scan1@contoso.com"] } });
  });

  it("writes the needs-mailbox note in the locale of the requester's tenant", async () => {
    const fake = new FakeRemediations();
    const body = JSON.stringify({ ticketId: "T-6", description: "Скенерът не работи", requester: "ivan@firma.bg" });
    const deps = fake.deps({ localeForDomain: async (domain) => (domain === "firma.bg" ? "bg" : undefined) });
    await acceptWebhook({ system: "generic", rawBody: body, headers: signedHeaders("generic", body) }, deps);
    expect(fake.notes[0]).toMatchObject({ kind: "needs-mailbox", locale: "bg" });
  });

  it("passes a refusal from the remediation use case through and tells the ticket why", async () => {
    const fake = new FakeRemediations();
    fake.refuseWith = { status: 404, code: "TENANT_NOT_FOUND", message: "No onboarded tenant matches." };
    const result = await acceptWebhook(signedDelivery("generic", "generic-ticket.json"), fake.deps());
    expect(result).toEqual({ status: 404, body: { error: { code: "TENANT_NOT_FOUND", message: "No onboarded tenant matches." } } });
    expect(fake.notes[0]).toMatchObject({ kind: "needs-attention", content: { reason: "No onboarded tenant matches.", mailbox: "nas-reports@contoso.com" } });
  });

  it("tells a refused ServiceNow incident why once, however often ServiceNow re-sends it after updates", async () => {
    const fake = new FakeRemediations();
    fake.refuseWith = { status: 404, code: "TENANT_NOT_FOUND", message: "No onboarded tenant matches." };
    const raw = fixture("servicenow-incident.json");
    for (const minute of ["13", "14", "15", "16"]) {
      const body = raw.replace("10:12:45", `10:${minute}:00`);
      const result = await acceptWebhook({ system: "servicenow", rawBody: body, headers: signedHeaders("servicenow", body) }, fake.deps());
      expect(result.status).toBe(404);
    }
    expect(fake.notes).toHaveLength(1);
    fake.refuseWith = { status: 409, code: "TENANT_DISABLED", message: "The tenant is paused." };
    await acceptWebhook({ system: "servicenow", rawBody: raw, headers: signedHeaders("servicenow", raw) }, fake.deps());
    expect(fake.notes.map((n) => n.content.reason)).toEqual(["No onboarded tenant matches.", "The tenant is paused."]);
  });

  it("asks for the mailbox once per ticket while the ticket keeps arriving without one", async () => {
    const fake = new FakeRemediations();
    for (const event of ["created", "updated-1", "updated-2"]) {
      const body = JSON.stringify({ ticketId: "T-7", event, description: "The scanner fails with 5.7.57" });
      await acceptWebhook({ system: "generic", rawBody: body, headers: signedHeaders("generic", body) }, fake.deps());
    }
    expect(fake.notes).toHaveLength(1);
  });

  it("starts the remediation for the mailbox a HaloPSA action names, and takes a batched delivery item by item", async () => {
    const fake = new FakeRemediations();
    const ticket = { id: 20901, summary: "Scanner broken", details: "The scanner stopped emailing.", user_emailaddress: "petar.nikolov@contoso.com" };
    const asked = { ticket, action: { id: 1, ticket_id: 20901, note: "Which device?" } };
    const answered = { ticket, action: { id: 2, ticket_id: 20901, note: "<p>It sends as scan.hall@contoso.com, error 535 5.7.139</p>" } };
    const body = JSON.stringify([asked, answered]);
    const result = await acceptWebhook({ system: "halopsa", rawBody: body, headers: signedHeaders("halopsa", body) }, fake.deps());
    expect(result.status).toBe(202);
    expect(result.body).toMatchObject({ results: [{ status: "needs-mailbox" }, { id: "req-1", status: "queued" }] });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ mailbox: "scan.hall@contoso.com", ticket: { system: "halopsa", id: "20901" } });
    expect(fake.requests[0]?.errorText).toContain("5.7.139");
  });

  it("refuses a batch from a system that does not batch, and an empty or invalid HaloPSA batch", async () => {
    const fake = new FakeRemediations();
    for (const [system, body] of [["generic", "[{\"ticketId\":\"1\"}]"], ["halopsa", "[]"], ["halopsa", "[{\"id\":\"x\"}]"]] as const) {
      const result = await acceptWebhook({ system, rawBody: body, headers: signedHeaders(system, body) }, fake.deps());
      expect(result.status).toBe(400);
    }
    expect(fake.requests).toEqual([]);
  });

  describe("a Zendesk event that names its requester by id", () => {
    const event = (description: string) =>
      JSON.stringify({ type: "zen:event-type:ticket.created", id: "d-1", detail: { id: "51", subject: "Scanner", description, requester_id: "9001" } });

    it("reads the requester once, so their own address is never taken for the device's", async () => {
      const fake = new FakeRemediations();
      const lookups: string[] = [];
      const deps = fake.deps({ lookupRequester: async (id) => (lookups.push(id), { kind: "found", email: "maria@contoso.com", agent: false }) });
      const body = event("Scanning fails with 5.7.139.\nMaria Petrova, maria@contoso.com");
      const unresolved = await acceptWebhook({ system: "zendesk", rawBody: body, headers: signedHeaders("zendesk", body) }, new FakeRemediations().deps());
      expect(unresolved.body).toMatchObject({ status: "queued" }); // without the read, her address would be taken
      const result = await acceptWebhook({ system: "zendesk", rawBody: body, headers: signedHeaders("zendesk", body) }, deps);
      expect(result.body).toMatchObject({ status: "needs-mailbox" });
      expect(fake.requests).toEqual([]);
      expect(lookups).toEqual(["9001"]);
      const withDevice = event("The scanner scan3@contoso.com fails with 5.7.139. Please reply to maria@contoso.com");
      await acceptWebhook({ system: "zendesk", rawBody: withDevice, headers: signedHeaders("zendesk", withDevice) }, deps);
      expect(fake.requests[0]).toMatchObject({ mailbox: "scan3@contoso.com", requestedBy: "maria@contoso.com" });
    });

    it("takes an address only with a word that says it is the device's when no Zendesk API is configured to read the requester", async () => {
      const fake = new FakeRemediations();
      const deps = fake.deps({ lookupRequester: async () => ({ kind: "not-configured" }) });
      const bare = event("Scanning fails with 5.7.139.\nMaria Petrova, maria@contoso.com");
      expect((await acceptWebhook({ system: "zendesk", rawBody: bare, headers: signedHeaders("zendesk", bare) }, deps)).body).toMatchObject({ status: "needs-mailbox" });
      const clued = event("The scanner scan3@contoso.com fails with 5.7.139.\nMaria Petrova, maria@contoso.com");
      await acceptWebhook({ system: "zendesk", rawBody: clued, headers: signedHeaders("zendesk", clued) }, deps);
      expect(fake.requests.map((r) => r.mailbox)).toEqual(["scan3@contoso.com"]);
    });

    it("answers 503 and starts nothing when the requester cannot be read", async () => {
      const fake = new FakeRemediations();
      const deps = fake.deps({ lookupRequester: async () => ({ kind: "failed", reason: "zendesk users API answered HTTP 500" }) });
      const body = event("Please reply to maria@contoso.com, 5.7.139");
      const result = await acceptWebhook({ system: "zendesk", rawBody: body, headers: signedHeaders("zendesk", body) }, deps);
      expect(result.status).toBe(503);
      expect(fake.requests).toEqual([]);
      expect(fake.notes).toEqual([]);
    });
  });

  it("answers 503 without detail when the queue is down", async () => {
    const fake = new FakeRemediations();
    const deps = fake.deps({ acceptRemediation: async () => Promise.reject(new Error("connection string AccountKey=abc")) });
    const result = await acceptWebhook(signedDelivery("zendesk", "zendesk-ticket-created.json"), deps);
    expect(result.status).toBe(503);
    expect(JSON.stringify(result.body)).not.toContain("AccountKey");
  });

  describe("refusals", () => {
    const zendesk = signedDelivery("zendesk", "zendesk-ticket-created.json");

    it("refuses a forged, a stale and an unsigned delivery with a bare 401", async () => {
      const fake = new FakeRemediations();
      const forged = { ...zendesk, headers: signedHeaders("zendesk", zendesk.rawBody, "wrong") };
      const stale = { ...zendesk, headers: signedHeaders("zendesk", zendesk.rawBody, SECRETS.zendesk, new Date(NOW.getTime() - 10 * 60_000)) };
      const unsigned = { ...zendesk, headers: { "content-type": "application/json" } };
      for (const delivery of [forged, stale, unsigned]) {
        expect(await acceptWebhook(delivery, fake.deps())).toEqual({ status: 401, body: { error: { code: "UNAUTHORIZED", message: "Unauthorized." } } });
      }
      expect(fake.requests).toEqual([]);
      expect(fake.notes).toEqual([]);
    });

    it("refuses every delivery for a system whose secret is not configured", async () => {
      const fake = new FakeRemediations();
      const { zendesk: _removed, ...others } = SECRETS;
      const result = await acceptWebhook(zendesk, fake.deps({ secrets: others }));
      expect(result.status).toBe(401);
      expect(fake.requests).toEqual([]);
    });

    it("answers 404 for an unknown system and 413 for a body over the limit, at the limit's both sides", async () => {
      const fake = new FakeRemediations();
      expect((await acceptWebhook({ ...zendesk, system: "bugzilla" }, fake.deps())).status).toBe(404);
      const padded = (size: number): string => JSON.stringify({ ticketId: "1", description: "x".repeat(size - 33) });
      const atLimit = padded(MAX_WEBHOOK_BODY_BYTES);
      const overLimit = padded(MAX_WEBHOOK_BODY_BYTES + 1);
      expect(Buffer.byteLength(atLimit)).toBe(MAX_WEBHOOK_BODY_BYTES);
      const send = (body: string) => acceptWebhook({ system: "generic", rawBody: body, headers: signedHeaders("generic", body) }, fake.deps());
      expect((await send(atLimit)).status).toBe(202);
      expect((await send(overLimit)).status).toBe(413);
      const declared = { ...zendesk, rawBody: "", headers: { ...zendesk.headers, "content-length": String(10 * 1024 * 1024) } };
      expect((await acceptWebhook(declared, fake.deps())).status).toBe(413);
    });

    it("answers 400 for empty, non-JSON and wrongly shaped bodies and 415 for form posts, queueing nothing", async () => {
      const fake = new FakeRemediations();
      const send = (body: string, extra: Record<string, string> = {}) =>
        acceptWebhook({ system: "halopsa", rawBody: body, headers: { ...signedHeaders("halopsa", body), ...extra } }, fake.deps());
      const answers = await Promise.all([
        send(""),
        send("{not json"),
        send('{"summary":"no id"}'),
        send("[]"),
        send("ticket=1", { "content-type": "application/x-www-form-urlencoded" }),
      ]);
      expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 415]);
      expect(answers.map((a) => (a.body as { error: { code: string } }).error.code)).toEqual([
        "INVALID_JSON",
        "INVALID_JSON",
        "WEBHOOK_NOT_RECOGNISED",
        "WEBHOOK_NOT_RECOGNISED",
        "UNSUPPORTED_MEDIA_TYPE",
      ]);
      expect(fake.requests).toEqual([]);
      expect(fake.notes).toEqual([]);
    });

    it("answers 200 ignored for events with nothing to act on", async () => {
      const fake = new FakeRemediations();
      const body = JSON.stringify({ type: "zen:event-type:ticket.priority_changed", id: "e1", detail: { id: "1" } });
      const result = await acceptWebhook({ system: "zendesk", rawBody: body, headers: signedHeaders("zendesk", body) }, fake.deps());
      expect(result.status).toBe(200);
      expect(fake.requests).toEqual([]);
    });
  });
});
