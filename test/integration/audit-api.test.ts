import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import { FakeTicketServer, type ReceivedCall } from "../unit/tickets/support/fake-ticket-server";

const TENANT = "audit-e2e";
const DOMAIN = "audit-e2e.example";
/** The device a ticket asks to fix: SMTP AUTH off for its mailbox and per-user MFA enforced. */
const SCANNER = `scanner@${DOMAIN}`;
/** A mailbox someone opened directly in the tenant, with no request and no exception behind it. */
const ROGUE = `relay-app@${DOMAIN}`;
const TICKET = { system: "generic", id: "GEN-4711" } as const;
const EXCEPTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** `type subject` of each finding in a report, sorted: what a reader of the report sees. */
const found = (report: { findings: Array<{ type: string; subject: string }> }): string[] => report.findings.map((f) => `${f.type} ${f.subject}`).sort();

/** The audit notes the generic callback received, in arrival order. */
const auditNotes = (server: FakeTicketServer): Array<ReceivedCall & { body: any }> => server.calls.filter((c) => (c.body as any)?.kind === "audit-finding");

async function until<T>(what: string, probe: () => Promise<T | undefined>, stack: LocalStack, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.\nHost output:\n${stack.host.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs the nightly audit now, as an operator would, and waits until the tenant's latest report is a
 * run other than `previousRunId`. Run ids are the tick's second, so a second run waits for the next second.
 */
async function runAuditNow(stack: LocalStack, previous?: { runId: string; requestedAt: string }): Promise<any> {
  if (previous) {
    const nextSecond = Math.floor(Date.parse(previous.requestedAt) / 1000) * 1000 + 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, nextSecond - Date.now() + 50)));
  }
  const started = await stack.adminApi("/admin/functions/nightlyAudit", { method: "POST", body: { input: "" } });
  expect(started.status).toBe(202);
  return until(
    "the audit run to reach the latest report",
    async () => {
      const res = await stack.api(`/api/audits/${TENANT}/latest`);
      return res.status === 200 && res.body.runId !== previous?.runId ? res.body : undefined;
    },
    stack,
  );
}

describe("the nightly audit through the local host: remediation, exceptions, findings, ticket notes and the report", () => {
  let stack: LocalStack;
  const callback = new FakeTicketServer();
  let remediationId: string;
  let lastRun: { runId: string; requestedAt: string } | undefined;

  beforeAll(async () => {
    const url = await callback.start();
    stack = await startLocalStack({
      settings: {
        TICKET_GENERIC_CALLBACK_URL: `${url}/notes`,
        WEBHOOK_SECRET_GENERIC: "audit-e2e-generic-secret-0123456789abcdef",
        WEBHOOK_SHARED_ROUTE: "on",
        TICKET_OUTBOX_BASE_DELAY_MS: "200",
        TICKET_OUTBOX_MAX_DELAY_MS: "1000",
      },
    });
    // Security defaults off and no Conditional Access policy: nothing blocks legacy authentication.
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: TENANT, domain: DOMAIN, mailboxes: 3, securityDefaults: false, orgSmtpAuthDisabled: true } });
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${SCANNER}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", licensed: true } });
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${ROGUE}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: false, perUserMfaState: "disabled", licensed: true } });
    const onboarded = await stack.api(`/api/tenants/${TENANT}`, { method: "PUT", body: { domains: [DOMAIN], policy: { exceptionDays: EXCEPTION_DAYS, autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], deviceAccounts: [SCANNER] } } });
    expect([200, 201]).toContain(onboarded.status);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await callback.stop();
  });

  it("records an exception per weakening a ticket's remediation applied, each expiring after the tenant's exceptionDays", async () => {
    // The ticket comes in through its signed webhook: only a verified ticket becomes the request's ticket.
    const created = await stack.anonymousApi("/api/webhooks/generic", {
      method: "POST",
      headers: { authorization: "Bearer audit-e2e-generic-secret-0123456789abcdef" },
      body: { ticketId: TICKET.id, mailbox: SCANNER, description: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.", requester: `facilities@${DOMAIN}` },
    });
    expect(created.status).toBe(202);
    remediationId = created.body.id;
    const done = await waitForTerminal(stack, remediationId);
    expect(done.status).toBe("succeeded");
    expect(done.steps.filter((s: any) => s.status === "succeeded").map((s: any) => s.name)).toEqual(["enable-mailbox-smtp-auth", "disable-per-user-mfa"]);

    const res = await stack.api(`/api/tenants/${TENANT}/exceptions`);
    expect(res.status).toBe(200);
    expect(res.body.tenantId).toBe(TENANT);
    const bySetting = new Map<string, any>(res.body.exceptions.map((e: any) => [e.setting, e]));
    expect([...bySetting.keys()].sort()).toEqual(["mailbox-smtp-auth", "per-user-mfa"]);
    for (const [setting, value] of [["mailbox-smtp-auth", "enabled"], ["per-user-mfa", "disabled"]] as const) {
      const e = bySetting.get(setting);
      expect(e).toMatchObject({ tenantId: TENANT, requestId: remediationId, valueApplied: value, ticket: TICKET, status: "active" });
      expect(e.subject.toLowerCase()).toBe(SCANNER);
      expect(Date.parse(e.expiresAt) - Date.parse(e.grantedAt)).toBe(EXCEPTION_DAYS * DAY_MS);
    }
  });

  it("answers 404 with the error shape for the exceptions of a tenant that is not onboarded", async () => {
    const res = await stack.api("/api/tenants/nobody-onboarded/exceptions");
    expect(res).toMatchObject({ status: 404, body: { error: { code: "TENANT_NOT_FOUND" } } });
    expect(typeof res.body.error.message).toBe("string");
  });

  it("finds the mailbox opened without an exception and the missing legacy-auth protection, but not the remediated mailbox", async () => {
    const before = await stack.api(`/api/audits/${TENANT}/latest`);
    expect(before).toMatchObject({ status: 404, body: { error: { code: "AUDIT_NOT_FOUND" } } });

    const report = await runAuditNow(stack);
    lastRun = report;
    expect(found(report)).toEqual([`no-legacy-auth-protection tenant`, `unapproved-smtp-auth ${ROGUE}`].sort());
    expect(report.unknown).toEqual([]);
    expect(report.summary).toMatchObject({ findings: 2, newFindings: 2, mailboxes: 5, activeExceptions: 2 });
    expect(report.findings.find((f: any) => f.type === "unapproved-smtp-auth").severity).toBe("high");

    // New findings without a ticket of their own go to the generic callback as one note.
    const [note] = await until("the new-findings note", async () => (auditNotes(callback).length > 0 ? auditNotes(callback) : undefined), stack);
    expect(note!.body).toMatchObject({ system: "generic", ticketId: `audit-${TENANT}`, content: { tenantId: TENANT } });
    expect(note!.body.content.findings.map((f: any) => f.title).join("\n")).toContain(ROGUE);
  });

  it("reports a reverted fix when someone turns the mailbox's SMTP AUTH off again, and tells the ticket that asked for the fix", async () => {
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${SCANNER}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true } });
    const notesBefore = auditNotes(callback).length;

    const report = await runAuditNow(stack, lastRun);
    lastRun = report;
    expect(found(report)).toEqual([`no-legacy-auth-protection tenant`, `reverted-fix ${SCANNER}`, `unapproved-smtp-auth ${ROGUE}`].sort());
    const reverted = report.findings.find((f: any) => f.type === "reverted-fix");
    expect(reverted).toMatchObject({ severity: "high", setting: "mailbox-smtp-auth", exceptionId: `${remediationId}:mailbox-smtp-auth`, ticket: TICKET });
    expect(report.summary.newFindings).toBe(1);

    const notes = await until("the reverted-fix note", async () => (auditNotes(callback).length > notesBefore ? auditNotes(callback).slice(notesBefore) : undefined), stack);
    await new Promise((r) => setTimeout(r, 1_500)); // nothing else may follow
    expect(auditNotes(callback).slice(notesBefore)).toHaveLength(1);
    expect(notes[0]!.path).toBe("/notes");
    expect(notes[0]!.body).toMatchObject({ system: "generic", ticketId: TICKET.id, kind: "audit-finding", content: { tenantId: TENANT, mailbox: SCANNER } });
    expect(notes[0]!.body.content.findings[0].title).toBe(`reverted-fix: ${SCANNER}`);
  });

  it("sends no second note for the same findings when the audit runs again", async () => {
    const notesBefore = auditNotes(callback).length;
    const report = await runAuditNow(stack, lastRun);
    lastRun = report;
    expect(found(report)).toContain(`reverted-fix ${SCANNER}`);
    expect(report.summary.newFindings).toBe(0);
    // The outbox delivers within a few hundred ms; a note from this run would have arrived by now.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(auditNotes(callback).slice(notesBefore)).toEqual([]);
    expect(report.trend.map((p: any) => p.findings)).toEqual([2, 3, 3]);
  });

  it("serves the latest run as an HTML report naming the tenant and each finding", async () => {
    const res = await stack.api(`/api/audits/${TENANT}/latest?format=html`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    const html = res.body as string;
    expect(html).toContain(`SMTP AUTH compliance audit: ${TENANT}`);
    expect(html).toContain(`<td>reverted-fix</td><td>${SCANNER}</td>`);
    expect(html).toContain(`<td>unapproved-smtp-auth</td><td>${ROGUE}</td>`);
    // SMTP AUTH left on is evidence against CIS 6.5.4 and SCuBA MS.EXO.5.1; a reverted fix is no control's.
    const row = (cells: string) => html.split("<tr>").find((r) => r.includes(cells)) ?? "";
    expect(row(`<td>unapproved-smtp-auth</td><td>${ROGUE}</td>`)).toContain("CIS-M365-v4.0.0-6.5.4, MS.EXO.5.1");
    expect(row(`<td>reverted-fix</td><td>${SCANNER}</td>`)).not.toContain("MS.EXO.5.1");
    expect(html).toContain("<td>no-legacy-auth-protection</td><td>tenant</td>");
    expect(html).not.toMatch(/<script/i);
  });

  it("serves the readiness report the audit computed: each basic-auth SMTP sender with its path and why, as JSON and HTML", async () => {
    await stack.simApi(`/_sim/tenants/${TENANT}/sign-ins`, { method: "POST", body: [{ userPrincipalName: ROGUE, ipAddress: "203.0.113.40" }, { userPrincipalName: ROGUE, ipAddress: "203.0.113.41", errorCode: 50126 }] });
    lastRun = await runAuditNow(stack, lastRun);
    const res = await stack.api(`/api/tenants/${TENANT}/readiness`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenantId: TENANT, runId: lastRun!.runId, retirement: { defaultOffAt: "2026-12-31" } });
    const rogue = res.body.senders.find((s: any) => s.upn === ROGUE);
    expect(rogue).toMatchObject({ signIns: 2, ipAddresses: ["203.0.113.40", "203.0.113.41"], lastFailureCause: "wrong-credentials", privileged: false, path: "graph-sendmail" });
    expect(rogue.lastSuccessAt).toBeDefined();
    const overview = (await stack.api("/api/audits?latest=true")).body;
    const line = overview.tenants.find((t: any) => t.tenantId === TENANT);
    expect(line.latest.summary.readiness).toMatchObject({ accounts: res.body.senders.length, sending: res.body.senders.filter((s: any) => s.signIns > 0).length });
    expect(overview.totals.readiness.sending).toBe(overview.tenants.reduce((n: number, t: any) => n + (t.latest?.summary.readiness?.unavailable ? 0 : (t.latest?.summary.readiness?.sending ?? 0)), 0));
    expect(overview.totals.readiness.sending).toBeGreaterThanOrEqual(1);
    const html = await stack.api(`/api/tenants/${TENANT}/readiness?format=html`);
    expect(html.headers["content-type"]).toMatch(/^text\/html/);
    expect(html.body).toContain("Senders by path");
    expect(html.body).toContain(ROGUE);
    expect(await stack.api("/api/tenants/nobody-onboarded/readiness")).toMatchObject({ status: 404, body: { error: { code: "TENANT_NOT_FOUND" } } });
    // Who sends with which password from where is operator knowledge: Remediation.Read, never anonymous.
    expect((await stack.anonymousApi(`/api/tenants/${TENANT}/readiness`)).status).toBe(401);
    const requester = await stack.signIn({ upn: "requester@msp.example", roles: ["Remediation.Request"] });
    expect((await requester.api(`/api/tenants/${TENANT}/readiness?format=html`)).status).toBe(403);
  });

  it("answers 404 with the error shape for the audit report of a tenant that is not onboarded", async () => {
    for (const path of ["/api/audits/nobody-onboarded/latest", "/api/audits/nobody-onboarded/latest?format=html"]) {
      const res = await stack.api(path);
      expect(res).toMatchObject({ status: 404, body: { error: { code: "TENANT_NOT_FOUND" } } });
      expect(typeof res.body.error.message).toBe("string");
    }
  });
});
