import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import type { OperatorSession } from "../../dev/operator-session";
import { FakeAutotask } from "../../dev/vendors/fake-autotask";
import { FakeConnectWise } from "../../dev/vendors/fake-connectwise";
import { VendorHttpServer } from "../../dev/vendors/vendor-http";

const CW_MEMBER = { companyId: "contoso_msp", publicKey: "pUbLiC0123456789", privateKey: "pRiVaTe0123456789abcdef", clientId: "7c3a0e52-5d8f-4b1e-9c8a-1f0d2e3b4a5c" };
const AT_USER = { userName: "smtpfix-api@alpha.example", secret: "at-api-secret-4d1f", integrationCode: "ALPHAINTEGRATIONCODE0000000" };

/**
 * ConnectWise PSA and Autotask as an MSP's customers use them: each tenant's own endpoint and secret,
 * each tenant's own connection for notes, vendors that re-send the ticket after every note the app
 * writes, and an app-wide Autotask setting (the MSP's own) that must never get a customer's notes.
 */
describe("ConnectWise PSA and Autotask through tenants' own endpoints and connections", () => {
  let stack: LocalStack;
  let approver: OperatorSession;
  const connectwise = new FakeConnectWise(CW_MEMBER);
  const autotask = new FakeAutotask(AT_USER);
  const otherAutotask = new FakeAutotask({ ...AT_USER, userName: "other-api@other.example" });
  const mspAutotask = new FakeAutotask({ ...AT_USER, userName: "msp-api@msp.example" });
  let rogueCalls = 0;
  const rogue = new VendorHttpServer(() => {
    rogueCalls += 1;
    return { status: 200, body: { signing_key: "attacker-key" } };
  });
  const endpoint: Record<string, { url: string; secret: string }> = {};

  const post = (url: string, delivery: { body: string; headers: Record<string, string> }) =>
    stack.anonymousApi(new URL(url).pathname, { method: "POST", body: delivery.body, headers: delivery.headers });
  const listFor = async (tenantId: string) => (await stack.api(`/api/remediations?tenantId=${tenantId}`)).body.remediations as Array<{ id: string }>;

  /** Waits for `count` notes, lets the re-sends they cause play out, then gives the outbox time to add more. */
  async function notesAfterQuiet(vendor: { notes: unknown[]; settled(): Promise<void> }, count: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (vendor.notes.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await vendor.settled();
    await new Promise((r) => setTimeout(r, 2_000));
    await vendor.settled();
  }

  beforeAll(async () => {
    for (const server of [connectwise, autotask, otherAutotask, mspAutotask, rogue]) await server.start();
    stack = await startLocalStack({
      settings: {
        TICKET_OUTBOX_BASE_DELAY_MS: "200",
        TICKET_OUTBOX_MAX_DELAY_MS: "1000",
        // The MSP's own Autotask, app-wide: a customer's ticket must never be written there.
        TICKET_AUTOTASK_BASE_URL: mspAutotask.origin,
        TICKET_AUTOTASK_USERNAME: "msp-api@msp.example",
        TICKET_AUTOTASK_SECRET: AT_USER.secret,
        TICKET_AUTOTASK_INTEGRATION_CODE: AT_USER.integrationCode,
      },
    });
    approver = await stack.signIn({ upn: "senior@msp.example", roles: ["Remediation.Read", "Remediation.Approve"] });
    const tenants = [
      ["cw-tenant", "cw-corp.com", "connectwise"],
      ["at-tenant", "at-corp.com", "autotask"],
      ["other-tenant", "other-corp.com", "autotask"],
      ["bare-tenant", "bare-corp.com", "autotask"],
    ] as const;
    for (const [tenantId, domain, system] of tenants) {
      await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false } });
      await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { deviceAccounts: [`scan*@${domain}`] } } });
      await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/scan.reception@${domain}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true } });
      const issued = await stack.api(`/api/tenants/${tenantId}/webhook-secrets/${system}`, { method: "POST", body: {} });
      expect(issued.status).toBe(201);
      endpoint[tenantId] = { url: issued.body.url, secret: issued.body.secret };
    }
    const connect = (tenantId: string, system: string, body: unknown) => stack.api(`/api/tenants/${tenantId}/ticket-connections/${system}`, { method: "PUT", body });
    expect((await connect("cw-tenant", "connectwise", { baseUrl: connectwise.origin, credentials: CW_MEMBER, options: { apiMemberId: "smtpfix-api" } })).status).toBe(201);
    expect((await connect("at-tenant", "autotask", { baseUrl: autotask.origin, credentials: AT_USER })).status).toBe(201);
    expect((await connect("other-tenant", "autotask", { baseUrl: otherAutotask.origin, credentials: { ...AT_USER, userName: "other-api@other.example" } })).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    for (const server of [connectwise, autotask, otherAutotask, mspAutotask, rogue]) await server.stop();
  });

  it("keeps a connection's credentials to itself: validated on PUT, listed without them", async () => {
    const missing = await stack.api("/api/tenants/cw-tenant/ticket-connections/connectwise", { method: "PUT", body: { baseUrl: connectwise.origin, credentials: { companyId: "x" } } });
    expect(missing.status).toBe(400);
    const plainHttp = await stack.api("/api/tenants/cw-tenant/ticket-connections/connectwise", { method: "PUT", body: { baseUrl: "http://cw.example.com", credentials: CW_MEMBER } });
    expect(plainHttp.status).toBe(400);
    const listed = await stack.api("/api/tenants/cw-tenant/ticket-connections");
    expect(listed.status).toBe(200);
    expect(listed.body.connections).toEqual([expect.objectContaining({ system: "connectwise", baseUrl: connectwise.origin, credentialFields: ["clientId", "companyId", "privateKey", "publicKey"] })]);
    expect(JSON.stringify(listed.body)).not.toContain(CW_MEMBER.privateKey);
    const events = await stack.api("/api/tenants/cw-tenant/events");
    expect(JSON.stringify(events.body)).not.toContain(CW_MEMBER.privateKey);
  });

  it("ConnectWise: a signed callback fixes the mailbox it names and the ticket gets exactly its milestone notes while ConnectWise re-sends it", async () => {
    connectwise.tickets.set(501, {
      id: 501,
      summary: "Reception scanner cannot send scans",
      contactEmailAddress: "maria.petrova@cw-corp.com",
      customFields: [
        { id: 7, caption: "Device mailbox", value: "scan.reception@cw-corp.com" },
        { id: 8, caption: "Error message", value: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox." },
      ],
    });
    const answers: Array<{ status: number; body: any }> = [];
    connectwise.afterNote = async () => {
      for (let i = 0; i < 2; i += 1) answers.push(await post(endpoint["cw-tenant"]!.url, connectwise.callback(501, "updated")));
    };
    const first = await post(endpoint["cw-tenant"]!.url, connectwise.callback(501, "added"));
    expect(first.status).toBe(202);
    const done = await waitForTerminal(stack, first.body.id);
    expect(done).toMatchObject({ status: "succeeded", tenantId: "cw-tenant", mailbox: "scan.reception@cw-corp.com" });
    await notesAfterQuiet(connectwise, 2);
    expect(connectwise.notes.map((n) => n.text.split("\n")[0])).toEqual([expect.stringContaining("accepted"), expect.stringContaining("completed")]);
    expect(connectwise.notes.every((n) => n.ticketId === 501 && n.internalAnalysisFlag)).toBe(true);
    expect(answers.length).toBeGreaterThanOrEqual(4);
    for (const answer of answers) expect(answer.status === 200 ? answer.body.status : answer.body.id).toBe(answer.status === 200 ? "ignored" : first.body.id);
    expect(connectwise.refused).toEqual([]);
    expect(connectwise.keyFetches).toBe(1);
  });

  it("ConnectWise: a forged signature is refused with nothing started, and a key URL on another host is never fetched", async () => {
    const before = (await listFor("cw-tenant")).length;
    const genuine = connectwise.callback(501, "updated");
    const forged = { body: genuine.body.replace("Reception scanner", "Reception scanner!"), headers: genuine.headers };
    expect((await post(endpoint["cw-tenant"]!.url, forged)).status).toBe(401);
    const elsewhere = connectwise.callback(501, "added", { keyUrl: `${rogue.origin}/v4_6_release/apis/3.0/system/callbacks/keys/31` });
    expect((await post(endpoint["cw-tenant"]!.url, elsewhere)).status).toBe(401);
    expect(rogueCalls).toBe(0);
    expect((await listFor("cw-tenant")).length).toBe(before);
  });

  it("Autotask: a signed callout starts the fix, its notes go to the tenant's own Autotask only, once per milestone while Autotask re-sends", async () => {
    autotask.tickets.set(7421, { title: "Reception scanner cannot email scans", description: "The reception scanner scan.reception@at-corp.com fails with 535 5.7.139 Authentication unsuccessful" });
    const secret = endpoint["at-tenant"]!.secret;
    const answers: Array<{ status: number; body: any }> = [];
    autotask.afterNote = async () => {
      for (let i = 0; i < 2; i += 1) answers.push(await post(endpoint["at-tenant"]!.url, autotask.callout(7421, "Update", secret)));
    };
    const first = await post(endpoint["at-tenant"]!.url, autotask.callout(7421, "Create", secret));
    expect(first.status).toBe(202);
    // Autotask names the contact by id only: with no requester known, a person approves the fix.
    const waiting = await waitForTerminal(stack, first.body.id);
    expect(waiting).toMatchObject({ status: "awaiting-approval", tenantId: "at-tenant", mailbox: "scan.reception@at-corp.com" });
    expect((await approver.api(`/api/remediations/${first.body.id}/approve`, { method: "POST", body: { comment: "reception scanner" } })).status).toBe(200);
    expect((await waitForTerminal(stack, first.body.id)).status).toBe("succeeded");
    await notesAfterQuiet(autotask, 2);
    const headlines = autotask.notes.map((n) => n.title);
    // Its milestones, each once: waiting for a person, accepted once approved, completed. The outbox
    // retries each note on its own, so a note that met a busy Autotask can land after a later one.
    expect(headlines).toHaveLength(3);
    expect(headlines).toEqual(expect.arrayContaining([expect.stringContaining("needs a person"), expect.stringContaining("accepted"), expect.stringContaining("completed")]));
    expect(autotask.notes.every((n) => n.ticketId === 7421)).toBe(true);
    expect(answers.length).toBeGreaterThanOrEqual(2 * autotask.notes.length);
    for (const answer of answers) expect(answer.status === 200 ? answer.body.status : answer.body.id).toBe(answer.status === 200 ? "ignored" : first.body.id);
    expect(autotask.zoneLookups).toBeGreaterThanOrEqual(1);
    expect(autotask.refused).toEqual([]);
    // Neither the MSP's app-wide Autotask nor another tenant's heard of this ticket.
    expect(mspAutotask.notes).toEqual([]);
    expect(otherAutotask.notes).toEqual([]);
  });

  it("Autotask: a callout signed with another tenant's secret is refused (401), nothing started", async () => {
    const before = (await listFor("at-tenant")).length;
    autotask.tickets.set(7422, { title: "Scanner", description: "The scanner scan.reception@at-corp.com fails: 535 5.7.139" });
    const forged = autotask.callout(7422, "Create", endpoint["other-tenant"]!.secret);
    expect((await post(endpoint["at-tenant"]!.url, forged)).status).toBe(401);
    expect((await listFor("at-tenant")).length).toBe(before);
  });

  it("a tenant endpoint without a ticket connection writes no note anywhere, and the request's trail says so", async () => {
    const bare = new FakeAutotask(AT_USER);
    bare.tickets.set(9001, { title: "Scanner", description: "The scanner scan.reception@bare-corp.com fails: 535 5.7.139 Authentication unsuccessful" });
    const res = await post(endpoint["bare-tenant"]!.url, bare.callout(9001, "Create", endpoint["bare-tenant"]!.secret));
    expect(res.status).toBe(202);
    expect((await waitForTerminal(stack, res.body.id)).status).toBe("awaiting-approval");
    let undelivered: Array<{ detailCode?: { code: string } }> = [];
    const deadline = Date.now() + 30_000;
    while (undelivered.length === 0 && Date.now() < deadline) {
      const events = await stack.api(`/api/remediations/${res.body.id}/events`);
      undelivered = events.body.events.filter((e: { kind: string }) => e.kind === "ticket-note-undelivered");
      if (undelivered.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(undelivered[0]?.detailCode?.code).toBe("event-note-no-connection");
    expect(mspAutotask.notes).toEqual([]);
    expect(otherAutotask.notes).toEqual([]);
  });

  it("offboarding deletes the tenant's ticket connections with it", async () => {
    expect((await stack.api("/api/tenants/other-tenant/ticket-connections")).body.connections).toHaveLength(1);
    expect((await stack.api("/api/tenants/other-tenant", { method: "DELETE" })).status).toBe(204);
    expect((await stack.api("/api/tenants/other-tenant", { method: "PUT", body: { domains: ["other-corp.com"] } })).status).toBe(201);
    expect((await stack.api("/api/tenants/other-tenant/ticket-connections")).body.connections).toEqual([]);
  });
});
