import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../dev/local-stack";

const TENANT = "mmca-1";
const DOMAIN = "mmca-1.example";
const UPN = `scanner@${DOMAIN}`;

/** Microsoft's "Block legacy authentication", as Entra creates it, in the given state. */
const managedBlock = (state: string) => ({
  microsoftManaged: "block-legacy-authentication",
  state,
  createdDateTime: "2026-10-01T08:00:00Z",
  ...(state === "enabled" ? { modifiedDateTime: "2026-11-16T02:10:00Z" } : {}),
});

describe("Microsoft-managed Conditional Access in live diagnosis (POST /api/diagnose, simulator)", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: TENANT, domain: DOMAIN, mailboxes: 0, securityDefaults: false, orgSmtpAuthDisabled: true } });
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${UPN}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: false, licensed: true } });
    await stack.api(`/api/tenants/${TENANT}`, { method: "PUT", body: { domains: [DOMAIN] } });
  }, 90_000);
  afterAll(async () => stack?.stop());

  const diagnoseAuthError = async () => {
    const res = await stack.api("/api/diagnose", { method: "POST", body: { mailbox: UPN, errorText: "535 5.7.3 Authentication unsuccessful" } });
    expect(res.status).toBe(200);
    lastPlan = res.body.live.plan;
    return res.body.causes.find((c: any) => c.id === "conditional-access-blocks-legacy-auth");
  };
  let lastPlan: any;

  it("shows the policy to Graph readers as Microsoft's: its name and template", async () => {
    const policy = (await stack.simApi(`/_sim/tenants/${TENANT}/conditional-access/mm-block`, { method: "PUT", body: managedBlock("enabledForReportingButNotEnforced") })).body;
    expect(policy).toMatchObject({ displayName: "Block legacy authentication", templateId: "0b2282f9-2862-4178-88b5-d79340b36cb8", state: "enabledForReportingButNotEnforced" });
  });

  it("does not blame the policy while it only reports, but warns when Microsoft will switch it on", async () => {
    await stack.simApi(`/_sim/tenants/${TENANT}/conditional-access/mm-block`, { method: "PUT", body: managedBlock("enabledForReportingButNotEnforced") });
    const ca = await diagnoseAuthError();
    expect(ca.verdict).toBe("ruled-out");
    expect(lastPlan.notes.join(" ")).toMatch(/"Block legacy authentication" is in report-only \(introduced 2026-10-01\).*no sooner than 2026-11-15/);
  });

  it("names the Microsoft-managed block with its report-only → on dates once Microsoft switched it on", async () => {
    await stack.simApi(`/_sim/tenants/${TENANT}/conditional-access/mm-block`, { method: "PUT", body: managedBlock("enabled") });
    const ca = await diagnoseAuthError();
    expect(ca.verdict).toBe("confirmed");
    const evidence = ca.evidence.join(" ");
    expect(evidence).toContain('"Block legacy authentication" (mm-block)');
    expect(evidence).toContain("Microsoft-managed policy");
    expect(evidence).toContain("introduced in report-only on 2026-10-01");
    expect(evidence).toContain("no sooner than 2026-11-15");
    expect(evidence).toContain("last changed 2026-11-16");
    expect(lastPlan.outcome).toBe("needs-attention");
    expect(lastPlan.steps).toEqual([]);
    expect(lastPlan.notes.join(" ")).not.toContain("report-only (introduced");
  });

  it("refuses a managed policy name it does not know, and changes nothing", async () => {
    const res = await stack.simApi(`/_sim/tenants/${TENANT}/conditional-access/mm-other`, { method: "PUT", body: { microsoftManaged: "block-everything" } });
    expect(res.status).toBe(400);
    const list = await stack.api("/api/diagnose", { method: "POST", body: { mailbox: UPN } });
    expect(JSON.stringify(list.body)).not.toContain("mm-other");
  });
});
