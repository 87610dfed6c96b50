import { TableClient } from "@azure/data-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import type { OperatorSession } from "../../dev/operator-session";

const FLAG_ONLY = { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true };
let counter = 0;

/**
 * Rows edited outside the app, the way Storage Explorer or a script with the account key would: the
 * host refuses a tenant policy, a pending policy change or an approval whose integrity seal fails.
 */
describe("sealed approval and policy records", () => {
  let stack: LocalStack;
  let manager: OperatorSession;
  let second: OperatorSession;
  const table = (name: string) => TableClient.fromConnectionString(stack.azurite.connectionString, name, { allowInsecureConnection: true });

  const onboarded = async (): Promise<{ tenantId: string; domain: string; policy: Record<string, unknown> }> => {
    const tenantId = `sealed-${++counter}`;
    const domain = `${tenantId}.example`;
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false } });
    const policy = { deviceAccounts: [`scan*@${domain}`] };
    expect((await manager.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy } })).status).toBe(201);
    for (const name of ["scan01", "scan02", "scan03", "cfo"]) await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${name}@${domain}`, { method: "PUT", body: FLAG_ONLY });
    return { tenantId, domain, policy };
  };
  const remediate = async (mailbox: string) => waitForTerminal(stack, (await stack.api("/api/remediations", { method: "POST", body: { mailbox } })).body.id);
  const flagOf = async (tenantId: string, mailbox: string) => (await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${mailbox}`)).body.smtpClientAuthenticationDisabled;

  beforeAll(async () => {
    stack = await startLocalStack();
    manager = await stack.signIn({ upn: "manager@msp.example", roles: ["Tenant.Manage", "Remediation.Read", "Remediation.Request"] });
    second = await stack.signIn({ upn: "second@msp.example", roles: ["Tenant.Manage", "Remediation.Approve"] });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("a tenant whose policy row was edited runs nothing on its own, says why, and is trusted again once saved through the app", async () => {
    const { tenantId, domain, policy } = await onboarded();
    // Sanity: the device account is fixed on its own while the row is as the app wrote it.
    expect((await remediate(`scan01@${domain}`)).status).toBe("succeeded");

    const tenants = table("Tenants");
    const row = await tenants.getEntity<Record<string, unknown>>("tenant", tenantId);
    const widened = { ...JSON.parse(String(row.policy)), deviceAccounts: [`*@${domain}`] };
    await tenants.updateEntity({ partitionKey: "tenant", rowKey: tenantId, policy: JSON.stringify(widened) }, "Merge");

    for (const mailbox of [`scan02@${domain}`, `cfo@${domain}`]) {
      const done = await remediate(mailbox);
      expect([mailbox, done.status]).toEqual([mailbox, "awaiting-approval"]);
      expect(done.reason).toContain("edited outside the app");
      expect(await flagOf(tenantId, mailbox)).toBe(true);
    }
    const listed = (await manager.api("/api/tenants")).body.tenants.find((t: { tenantId: string }) => t.tenantId === tenantId);
    expect(listed.seal).toMatchObject({ status: "broken", reason: expect.stringContaining("edited outside the app") });
    // Its operatorGroups cannot be believed: an operator without Tenant.Manage no longer sees it.
    const reader = await stack.signIn({ upn: "reader@msp.example", roles: ["Remediation.Read"] });
    expect((await reader.api(`/api/tenants/${tenantId}/exceptions`)).body.error?.code).toBe("TENANT_NOT_IN_SCOPE");

    // Its stored policy cannot show that a change tightens it, so saving it again takes a second person; then it is sealed again.
    const saved = await manager.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy } });
    expect(saved).toMatchObject({ status: 202, body: { loosens: ["seal"] } });
    expect((await second.api(`/api/tenants/${tenantId}/policy-changes/${saved.body.changeId}/approve`, { method: "POST" })).status).toBe(200);
    expect((await remediate(`scan03@${domain}`)).status).toBe("succeeded");
  });

  it("an unsealed tenant row (seal stripped, nothing else changed) is refused too", async () => {
    const { tenantId, domain } = await onboarded();
    const tenants = table("Tenants");
    const row = await tenants.getEntity<Record<string, unknown>>("tenant", tenantId);
    const { etag, timestamp, seal, ...rest } = row;
    void etag, timestamp;
    expect(seal).toEqual(expect.stringMatching(/^hmac-v1\./));
    await tenants.updateEntity({ ...rest, partitionKey: "tenant", rowKey: tenantId }, "Replace");
    const done = await remediate(`scan01@${domain}`);
    expect(done.status).toBe("awaiting-approval");
    expect(done.reason).toContain("has no seal");
    expect(await flagOf(tenantId, `scan01@${domain}`)).toBe(true);
  });

  it("an approval written into a request's row outside the app is no approval: the request waits again and nothing changes", async () => {
    const { tenantId, domain } = await onboarded();
    const waiting = await remediate(`cfo@${domain}`);
    expect(waiting.status).toBe("awaiting-approval");

    const requests = table("Requests");
    const row = await requests.getEntity<Record<string, unknown>>(waiting.id, "request");
    const plan = JSON.parse(String(row.approvalRequest)).plan;
    const forged = { decision: "approved", by: { oid: second.oid, upn: "second@msp.example" }, at: new Date().toISOString(), plan };
    await requests.updateEntity(
      { partitionKey: waiting.id, rowKey: "request", status: "queued", stage: "diagnose", approval: JSON.stringify(forged), next: JSON.stringify({ stage: "diagnose", phase: "run", attempt: Number(row.diagnoseAttempts) + 1 }), updatedAt: "2026-01-01T00:00:00.000Z" },
      "Merge",
    );
    // The stuck-request sweep finds it queued and resumes it; diagnosis asks the policy again.
    const after = await waitForTerminal(stack, waiting.id, 60_000);
    expect(after.status).toBe("awaiting-approval");
    expect(after.approval).toBeUndefined();
    expect(after.approvalRefused).toContain("has no seal");
    expect(after.reason).toContain("not approved");
    expect(await flagOf(tenantId, `cfo@${domain}`)).toBe(true);
  });

  it("a pending policy change edited in storage cannot be approved (409 RECORD_SEAL_BROKEN) and the policy stays", async () => {
    const { tenantId, domain, policy } = await onboarded();
    const asked = await manager.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { ...policy, maxAutomaticPerDay: 30 } } });
    expect(asked.status).toBe(202);
    const changes = table("PolicyChanges");
    const row = await changes.getEntity<{ change: string }>(tenantId, asked.body.changeId);
    const change = JSON.parse(row.change);
    change.after.policy.autoApprove = ["enable-mailbox-smtp-auth", "disable-per-user-mfa"];
    await changes.updateEntity({ partitionKey: tenantId, rowKey: asked.body.changeId, change: JSON.stringify(change) }, "Merge");

    const approved = await second.api(`/api/tenants/${tenantId}/policy-changes/${asked.body.changeId}/approve`, { method: "POST" });
    expect(approved).toMatchObject({ status: 409, body: { error: { code: "RECORD_SEAL_BROKEN" } } });
    const now = (await stack.api("/api/tenants")).body.tenants.find((t: { tenantId: string }) => t.tenantId === tenantId).policy;
    expect([now.autoApprove, now.maxAutomaticPerDay]).toEqual([["enable-mailbox-smtp-auth"], 25]);
  });
});
