import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../dev/local-stack";
import { signGenericHex, signJira } from "../../shared/tickets/verify-signature";
import { SECRETS, fixture } from "../unit/tickets/support/deliveries";
import { FakeTicketServer } from "../unit/tickets/support/fake-ticket-server";

/** Two customers, each with its own endpoint and secrets; the bare route is off, as by default. */
describe("one webhook endpoint per tenant", () => {
  let stack: LocalStack;
  // The generic callback refuses every note (404): those notes finally fail, and the request shows it.
  const callback = new FakeTicketServer(Array.from({ length: 100 }, () => ({ status: 404, body: { error: "no such ticket" } })));
  const endpoint: Record<string, { url: string; secret: string }> = {};

  const ticket = (id: string, mailbox: string) => JSON.stringify({ ticketId: id, description: `The scanner ${mailbox} fails: 535 5.7.139 Authentication unsuccessful` });
  const bearer = (secret: string) => ({ "content-type": "application/json", authorization: `Bearer ${secret}` });
  const signed = (secret: string, body: string) => {
    const timestamp = new Date().toISOString();
    return { "content-type": "application/json", "x-webhook-timestamp": timestamp, "x-webhook-signature": `sha256=${signGenericHex(secret, timestamp, body)}` };
  };
  const post = (url: string, body: string, headers: Record<string, string>) => stack.anonymousApi(new URL(url).pathname, { method: "POST", body, headers });
  const rotate = (tenantId: string, system: string, body: unknown = {}) => stack.api(`/api/tenants/${tenantId}/webhook-secrets/${system}`, { method: "POST", body });

  beforeAll(async () => {
    const callbackUrl = `${await callback.start()}/notes`;
    stack = await startLocalStack({
      settings: { WEBHOOK_SECRET_GENERIC: SECRETS.generic, WEBHOOK_SECRET_JIRA: SECRETS.jira, WEBHOOK_REQUIRE_HMAC: "jira" },
    });
    for (const [tenantId, domain] of [["tenant-a", "alpha-corp.com"], ["tenant-b", "beta-corp.com"]] as const) {
      await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false } });
      await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain] } });
      await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/scan@${domain}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true } });
      const issued = await rotate(tenantId, "generic");
      expect(issued.status).toBe(201);
      endpoint[tenantId] = { url: issued.body.url, secret: issued.body.secret };
      // Each tenant's own connection takes its notes (a tenant endpoint's notes never use app-wide settings).
      expect((await stack.api(`/api/tenants/${tenantId}/ticket-connections/generic`, { method: "PUT", body: { baseUrl: callbackUrl, credentials: {} } })).status).toBe(201);
    }
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await callback.stop();
  });

  it("issues each tenant an unguessable endpoint and its own secret, shown once", async () => {
    const a = endpoint["tenant-a"]!;
    const b = endpoint["tenant-b"]!;
    expect(a.url).toMatch(/\/api\/webhooks\/generic\/tk_[A-Za-z0-9_-]{24}$/);
    expect(a.url).not.toBe(b.url);
    expect(a.secret).not.toBe(b.secret);
    expect(a.secret.length).toBeGreaterThanOrEqual(43);
    const tenants = await stack.api("/api/tenants");
    expect(JSON.stringify(tenants.body)).not.toContain(a.secret);
  });

  it("starts a remediation in tenant A from A's endpoint", async () => {
    const a = endpoint["tenant-a"]!;
    const body = ticket("A-1", "scan@alpha-corp.com");
    const res = await post(a.url, body, bearer(a.secret));
    expect(res.status).toBe(202);
    const status = await stack.api(`/api/remediations/${res.body.id}`);
    expect(status.body).toMatchObject({ tenantId: "tenant-a", mailbox: "scan@alpha-corp.com" });
    // Its ticket's callback refuses the notes: the request's trail says so, once per note.
    const deadline = Date.now() + 20_000;
    let undelivered: Array<{ kind: string; detail: string }> = [];
    while (undelivered.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      const events = await stack.api(`/api/remediations/${res.body.id}/events`);
      undelivered = events.body.events.filter((e: { kind: string }) => e.kind === "ticket-note-undelivered");
    }
    expect(undelivered[0]?.detail).toMatch(/note did not reach the ticket: generic comment API answered HTTP 404/);
  });

  it("keeps the same ticket id of two tenants' systems apart: each gets its own request in its own tenant", async () => {
    const a = endpoint["tenant-a"]!;
    const b = endpoint["tenant-b"]!;
    const inA = await post(a.url, ticket("SAME-1", "scan@alpha-corp.com"), bearer(a.secret));
    const inB = await post(b.url, ticket("SAME-1", "scan@beta-corp.com"), bearer(b.secret));
    expect([inA.status, inB.status]).toEqual([202, 202]);
    expect(inB.body.id).not.toBe(inA.body.id);
    expect((await stack.api(`/api/remediations/${inB.body.id}`)).body.tenantId).toBe("tenant-b");
  });

  it("cannot start anything in tenant B from A's endpoint, with A's or B's secret", async () => {
    const a = endpoint["tenant-a"]!;
    const b = endpoint["tenant-b"]!;
    const intoB = ticket("A-2", "scan@beta-corp.com");
    const refused = await post(a.url, intoB, bearer(a.secret));
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("TENANT_NOT_FOUND");
    expect((await post(a.url, intoB, bearer(b.secret))).status).toBe(401);
    // B's own secret on the bare route: off by default, so not even the app-wide secret opens it.
    const bare = b.url.replace(/\/tk_[^/]+$/, "");
    expect((await post(bare, intoB, bearer(b.secret))).status).toBe(404);
    const appWide = await post(bare, intoB, bearer(SECRETS.generic));
    expect(appWide).toMatchObject({ status: 404, body: { error: { code: "SHARED_WEBHOOK_ROUTE_OFF" } } });
    const listed = await stack.api(`/api/remediations?tenantId=tenant-b`);
    expect(listed.body.remediations.filter((r: { ticket?: { id: string } }) => r.ticket?.id === "A-2")).toEqual([]);
    expect(listed.body.remediations.length).toBeGreaterThan(0); // B's own ticket from the test before is listed
  });

  it("answers an unknown or malformed tenant key exactly as a wrong secret", async () => {
    const a = endpoint["tenant-a"]!;
    const body = ticket("A-3", "scan@alpha-corp.com");
    const wrongSecret = await post(a.url, body, bearer("nope"));
    const unknownKey = await post(a.url.replace(/tk_.{24}$/, `tk_${"x".repeat(24)}`), body, bearer(a.secret));
    const malformed = await post(a.url.replace(/tk_.{24}$/, "tenant-a"), body, bearer(a.secret));
    expect([wrongSecret.status, unknownKey.status, malformed.status]).toEqual([401, 401, 401]);
    expect(unknownKey.body).toEqual(wrongSecret.body);
    expect(malformed.body).toEqual(wrongSecret.body);
  });

  it("rotates with an overlap: both secrets work until the overlap ends, and none after it", async () => {
    const a = endpoint["tenant-a"]!;
    const rotated = await rotate("tenant-a", "generic", { overlapHours: 1 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).toBe(a.url);
    expect(Date.parse(rotated.body.previousSecretValidUntil)).toBeGreaterThan(Date.now() + 59 * 60_000);
    const body = ticket("A-4", "scan@alpha-corp.com");
    expect((await post(a.url, body, bearer(a.secret))).status).toBe(202);
    expect((await post(a.url, body, bearer(rotated.body.secret))).status).toBe(202);
    const again = await rotate("tenant-a", "generic", { overlapHours: 0 });
    expect((await post(a.url, body, bearer(rotated.body.secret))).status).toBe(401);
    expect((await post(a.url, body, bearer(a.secret))).status).toBe(401);
    expect((await post(a.url, body, bearer(again.body.secret))).status).toBe(202);
    endpoint["tenant-a"] = { url: a.url, secret: again.body.secret };
  });

  it("refuses a bearer copy of a signing secret where HMAC is required, and takes the signature", async () => {
    const issued = await rotate("tenant-b", "jira");
    const body = fixture("jira-issue-created.json").replaceAll("contoso.com", "beta-corp.com").replace(/payroll@beta-corp\.com/g, "scan@beta-corp.com");
    expect((await post(issued.body.url, body, bearer(issued.body.secret))).status).toBe(401);
    const ok = await post(issued.body.url, body, { "content-type": "application/json", "x-hub-signature": signJira(issued.body.secret, body) });
    expect(ok.status).toBe(202);
    // Generic is not on the list here: its bearer works, and so does its signature.
    const b = endpoint["tenant-b"]!;
    const generic = ticket("B-2", "scan@beta-corp.com");
    expect((await post(b.url, generic, signed(b.secret, generic))).status).toBe(202);
  });

  it("refuses a chunked body over the cap while it streams, with 413", async () => {
    const a = endpoint["tenant-a"]!;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(a.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${a.secret}`, "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const chunk = "x".repeat(64 * 1024);
      for (let i = 0; i < 6; i += 1) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it("revokes a tenant's secrets for a system: its endpoint answers 401 at once, a second revoke 404", async () => {
    const b = endpoint["tenant-b"]!;
    const body = ticket("B-9", "scan@beta-corp.com");
    const revoked = await stack.api("/api/tenants/tenant-b/webhook-secrets/generic", { method: "DELETE" });
    expect(revoked.status).toBe(204);
    expect((await post(b.url, body, bearer(b.secret))).status).toBe(401);
    expect((await post(b.url, body, signed(b.secret, body))).status).toBe(401);
    expect(await stack.api("/api/tenants/tenant-b/webhook-secrets/generic", { method: "DELETE" })).toMatchObject({ status: 404, body: { error: { code: "WEBHOOK_SECRET_NOT_FOUND" } } });
    expect((await stack.api("/api/tenants/tenant-b/webhook-secrets/nope", { method: "DELETE" })).status).toBe(404);
    expect((await stack.api("/api/tenants/no-such-tenant/webhook-secrets/generic", { method: "DELETE" })).body.error.code).toBe("TENANT_NOT_FOUND");
    // Tenant A's endpoint is untouched.
    const a = endpoint["tenant-a"]!;
    expect((await post(a.url, ticket("A-9", "scan@alpha-corp.com"), bearer(a.secret))).status).toBe(202);
    // Issuing again gives the same endpoint a new secret; the revoked one stays dead.
    const again = await rotate("tenant-b", "generic");
    expect(again.status).toBe(201);
    expect(again.body.url).toBe(b.url);
    expect((await post(b.url, body, bearer(b.secret))).status).toBe(401);
    expect((await post(b.url, body, bearer(again.body.secret))).status).toBe(202);
  });
});
