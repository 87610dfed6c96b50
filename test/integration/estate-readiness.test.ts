import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../dev/local-stack";
import type { OperatorSession } from "../../dev/operator-session";
import { OPERATOR_ROLES } from "../../shared/auth/operator-roles";

const GROUP = "cccccccc-0000-4000-8000-00000000000c";
const SCOPED = { tenantId: "estate-scoped", domain: "estate-scoped.example" };
const OPEN = { tenantId: "estate-open", domain: "estate-open.example" };
/** A sender whose name a spreadsheet would run as a formula. */
const FORMULA = `=sum(1,2)"x@${SCOPED.domain}`;

/** `GET /api/readiness`: every sender of every tenant in the caller's scope, as JSON and as CSV. */
describe("the estate's readiness", () => {
  let stack: LocalStack;
  let insider: OperatorSession;
  let outsider: OperatorSession;
  beforeAll(async () => {
    stack = await startLocalStack();
    insider = await stack.signIn({ upn: "estate.a@msp.example", roles: [...OPERATOR_ROLES], groups: [GROUP] });
    outsider = await stack.signIn({ upn: "estate.b@msp.example", roles: [...OPERATOR_ROLES], groups: [] });
    for (const t of [SCOPED, OPEN]) await stack.simApi("/_sim/tenants", { method: "POST", body: { ...t, mailboxes: 1, securityDefaults: false, orgSmtpAuthDisabled: t === OPEN } });
    await stack.simApi(`/_sim/tenants/${SCOPED.tenantId}/sign-ins`, { method: "POST", body: [{ userPrincipalName: `scanner@${SCOPED.domain}`, ipAddress: "203.0.113.9" }, { userPrincipalName: FORMULA, ipAddress: "203.0.113.10" }] });
    await stack.simApi(`/_sim/tenants/${OPEN.tenantId}/sign-ins`, { method: "POST", body: [{ userPrincipalName: `copier@${OPEN.domain}`, ipAddress: "198.51.100.3" }] });
    expect((await insider.api(`/api/tenants/${SCOPED.tenantId}`, { method: "PUT", body: { domains: [SCOPED.domain], policy: { operatorGroups: [GROUP] } } })).status).toBe(201);
    expect((await insider.api(`/api/tenants/${OPEN.tenantId}`, { method: "PUT", body: { domains: [OPEN.domain] } })).status).toBe(201);
    for (const t of [SCOPED, OPEN]) {
      const queued = await insider.api(`/api/tenants/${t.tenantId}/audits`, { method: "POST", body: {} });
      await until(async () => (await insider.api(`/api/audits/${t.tenantId}/latest`)).body.runId === queued.body.runId);
    }
  }, 150_000);
  afterAll(async () => stack?.stop());

  it("lists every tenant's senders, findings with their compliance control ids, and tonight's count", async () => {
    const estate = await insider.api("/api/readiness");
    expect(estate.status).toBe(200);
    const senders = estate.body.senders.map((s: { tenantId: string; upn: string; status: string; path: string }) => [s.tenantId, s.upn, s.status, s.path]);
    expect(senders).toEqual(expect.arrayContaining([
      [SCOPED.tenantId, `scanner@${SCOPED.domain}`, "on-basic-auth", "relay-connector"],
      [SCOPED.tenantId, FORMULA.toLowerCase(), "on-basic-auth", "relay-connector"],
      [OPEN.tenantId, `copier@${OPEN.domain}`, "on-basic-auth", "relay-connector"],
    ]));
    const scoped = estate.body.tenants.find((t: { tenantId: string }) => t.tenantId === SCOPED.tenantId);
    // SMTP AUTH is on for the whole organisation there: CIS 6.5.4 and SCuBA MS.EXO.5.1.
    expect(scoped).toMatchObject({ onBasicAuth: 2, moved: 0, byPath: { "relay-connector": 2 }, findingsByType: { "org-smtp-auth-enabled": 1 }, controls: ["CIS-M365-v4.0.0-6.5.4", "MS.EXO.5.1"] });
    const today = estate.body.generatedAt.slice(0, 10);
    expect(estate.body.daily.at(-1)).toEqual({ day: today, sending: 3, tenants: 2 });
    const report = await insider.api(`/api/audits/${SCOPED.tenantId}/latest`);
    expect(report.body.findings.find((f: { type: string }) => f.type === "org-smtp-auth-enabled").controls).toEqual(["CIS-M365-v4.0.0-6.5.4", "MS.EXO.5.1"]);
  });

  it("gives every sender in scope as CSV, a formula-like account escaped and quoted, and nothing of a tenant outside the caller's scope", async () => {
    const csv = await insider.api<string>("/api/readiness?format=csv", { headers: { accept: "text/csv" } });
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="basic-auth-senders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = String(csv.body).trimEnd().split("\r\n");
    expect(lines[0]).toBe("tenant,account,last basic-auth sign-in,addresses,path,status");
    const scanner = new RegExp(`^${SCOPED.tenantId},scanner@${SCOPED.domain.replace(".", "\\.")},\\d{4}-\\d{2}-\\d{2}T[^,]+,203\\.0\\.113\\.9,relay-connector,on-basic-auth$`);
    expect(lines.filter((l) => scanner.test(l))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith(`${SCOPED.tenantId},"'=sum(1,2)""x@${SCOPED.domain}",`))).toBe(true);
    expect(lines.filter((l) => l.startsWith(OPEN.tenantId))).toHaveLength(1);
    expect(lines).toHaveLength(4);

    const outside = String((await outsider.api<string>("/api/readiness?format=csv", { headers: { accept: "text/csv" } })).body).trimEnd().split("\r\n");
    expect(outside.slice(1).map((l) => l.split(",")[0])).toEqual([OPEN.tenantId]);
    const outsideJson = await outsider.api("/api/readiness");
    expect(outsideJson.body.tenants.map((t: { tenantId: string }) => t.tenantId)).toEqual([OPEN.tenantId]);
    expect(outsideJson.body.daily.at(-1).sending).toBe(1);
  });

  it("refuses a format it does not have, and a caller without a role", async () => {
    expect(await insider.api("/api/readiness?format=xml")).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    const nobody = await stack.signIn({ upn: "nobody@msp.example", roles: [] });
    expect((await nobody.api("/api/readiness?format=csv")).status).toBe(403);
  });
});

async function until(done: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the audits");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
