import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";

interface Scenario {
  tenant?: Record<string, unknown>;
  mailbox?: Record<string, unknown>;
  errorText?: string;
  allowTenantWideChanges?: boolean;
  /** A second person approves the plan if it waits for approval (security defaults never go off alone). */
  secondPersonApproves?: boolean;
  /** Extra simulator setup once the mailbox exists (its Entra id is passed). */
  setup?: (stack: LocalStack, tenantId: string, userId: string) => Promise<unknown>;
}

const WRITE = /^(PATCH |InvokeCommand Set-)/;
let counter = 0;

/**
 * One remediation through the whole stack against a tenant in the given state. The tenant's standing
 * policy names the mailbox a device account and lets per-user MFA go without a person, so each
 * diagnosis ends where it would run
 * (standing-policy.test.ts covers the default policy). Returns the finished
 * request and the writes the product sent to that tenant.
 */
async function remediate(stack: LocalStack, s: Scenario): Promise<{ done: any; writes: string[] }> {
  const tenantId = `live-${++counter}`;
  const domain = `${tenantId}.example`;
  const upn = `device@${domain}`;
  await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false, orgSmtpAuthDisabled: true, ...s.tenant } });
  const mailbox = await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn}`, {
    method: "PUT",
    body: { smtpClientAuthenticationDisabled: false, perUserMfaState: "disabled", licensed: true, accountEnabled: true, ...s.mailbox },
  });
  await s.setup?.(stack, tenantId, mailbox.body.id);
  await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { allowTenantWideChanges: s.allowTenantWideChanges ?? false, autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], deviceAccounts: ["device@*"] } } });
  const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, ...(s.errorText ? { errorText: s.errorText } : {}) } });
  let done = await waitForTerminal(stack, created.body.id, 60_000);
  if (s.secondPersonApproves && done.status === "awaiting-approval") {
    const approver = await stack.signIn({ upn: "second.person@msp.example", roles: ["Remediation.Approve"] });
    expect((await approver.api(`/api/remediations/${created.body.id}/approve`, { method: "POST", body: {} })).status).toBe(200);
    done = await waitForTerminal(stack, created.body.id, 60_000);
  }
  const log = (await stack.simApi(`/_sim/calls?log=1&tenantId=${tenantId}`)).body.log as Array<{ operation: string }>;
  return { done, writes: log.map((c) => c.operation).filter((op) => WRITE.test(op)) };
}

const confirmed = (done: any) => done.diagnosis.causes.filter((c: any) => c.verdict === "confirmed").map((c: any) => c.id);
const blockLegacyAuth = (users: Record<string, string[]>) => ({
  displayName: "Block legacy authentication",
  state: "enabled",
  conditions: { clientAppTypes: ["exchangeActiveSync", "other"], users: { includeUsers: ["All"], ...users } },
  grantControls: { builtInControls: ["block"] },
});

describe("live diagnosis against the simulated tenant, layer by layer", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("a Conditional Access block on legacy auth: no step at all, a person is told about the exclusion", async () => {
    const { done, writes } = await remediate(stack, {
      mailbox: { smtpClientAuthenticationDisabled: true },
      setup: (st, t) => st.simApi(`/_sim/tenants/${t}/conditional-access/block-legacy`, { method: "PUT", body: blockLegacyAuth({}) }),
    });
    expect(done.status).toBe("needs-attention");
    expect(confirmed(done)).toContain("conditional-access-blocks-legacy-auth");
    expect(JSON.stringify(done.attention)).toMatch(/Block legacy authentication/);
    expect(JSON.stringify(done.attention)).toMatch(/exclu/i);
    expect(writes).toEqual([]);
  });

  it("a Conditional Access policy that excludes the user, or only reports, does not stop the fix", async () => {
    const excluded = await remediate(stack, {
      mailbox: { smtpClientAuthenticationDisabled: true },
      setup: (st, t, userId) => st.simApi(`/_sim/tenants/${t}/conditional-access/block-legacy`, { method: "PUT", body: blockLegacyAuth({ excludeUsers: [userId] }) }),
    });
    const reportOnly = await remediate(stack, {
      mailbox: { smtpClientAuthenticationDisabled: true },
      setup: (st, t) => st.simApi(`/_sim/tenants/${t}/conditional-access/block-legacy`, { method: "PUT", body: { ...blockLegacyAuth({}), state: "enabledForReportingButNotEnforced" } }),
    });
    for (const { done, writes } of [excluded, reportOnly]) {
      expect(done.status).toBe("succeeded");
      expect(writes).toEqual(["InvokeCommand Set-CASMailbox"]);
    }
  });

  it("a block on legacy auth that spares named locations is not a certain block: it depends on the device's IP", async () => {
    const { done } = await remediate(stack, {
      mailbox: { smtpClientAuthenticationDisabled: true },
      errorText: "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully.",
      setup: (st, t) =>
        st.simApi(`/_sim/tenants/${t}/conditional-access/block-legacy`, {
          method: "PUT",
          body: { ...blockLegacyAuth({}), conditions: { ...blockLegacyAuth({}).conditions, locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] } } },
        }),
    });
    expect(confirmed(done)).not.toContain("conditional-access-blocks-legacy-auth");
    expect(done.diagnosis.causes.find((c: any) => c.id === "conditional-access-blocks-legacy-auth")?.verdict).toBe("unknown");
    expect(done.diagnosis.unknownLayers.join(" ")).toMatch(/Block legacy authentication' may block it: it applies by location .* IP address/);
  });

  it("a privileged user with MFA enforced: the MFA step is refused with the reason, and nothing else is applied alone", async () => {
    const { done, writes } = await remediate(stack, { mailbox: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", roles: ["Exchange Administrator"] } });
    expect(done.status).toBe("needs-attention");
    const mfa = done.steps.find((s: any) => s.name === "disable-per-user-mfa");
    expect(mfa.refused.code).toBe("privileged-user");
    expect(mfa.reason).toMatch(/Exchange Administrator/);
    expect(writes).toEqual([]);
  });

  it("an authentication policy without basic SMTP: no step, the policy is named", async () => {
    const { done, writes } = await remediate(stack, {
      mailbox: { smtpClientAuthenticationDisabled: true, authenticationPolicy: "No basic auth" },
      setup: (st, t) => st.simApi(`/_sim/tenants/${t}/authentication-policies/${encodeURIComponent("No basic auth")}`, { method: "PUT", body: { allowBasicAuthSmtp: false } }),
    });
    expect(done.status).toBe("needs-attention");
    expect(confirmed(done)).toContain("auth-policy-blocks-basic-smtp");
    expect(writes).toEqual([]);
  });

  it.each([
    ["a disabled account", { accountEnabled: false }, "account-disabled"],
    ["a mailbox without an Exchange licence", { licensed: false }, "mailbox-unlicensed"],
  ])("%s: no step, needs a person", async (_name, mailbox, cause) => {
    const { done, writes } = await remediate(stack, { mailbox: { smtpClientAuthenticationDisabled: true, ...mailbox } });
    expect(done.status).toBe("needs-attention");
    expect(confirmed(done)).toContain(cause);
    expect(writes).toEqual([]);
  });

  it("a layer that cannot be read is unknown and never a change", async () => {
    const { done, writes } = await remediate(stack, {
      // Microsoft lets the write permissions read these settings too (higher privileged): take them away as well.
      tenant: { deniedPermissions: ["Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod", "Policy.ReadWrite.SecurityDefaults"] },
      mailbox: { perUserMfaState: "enforced" },
      errorText: "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully.",
    });
    expect(done.status).toBe("needs-attention");
    expect(done.diagnosis.unknownLayers.join("\n")).toMatch(/per-user MFA/);
    expect(done.steps.find((s: any) => s.name === "disable-per-user-mfa").status).toBe("skipped");
    expect(writes).toEqual([]);
  });

  it("a mailbox that follows the organisation's 'off' gets its own flag on; the organisation stays off", async () => {
    const { done, writes } = await remediate(stack, {
      mailbox: { smtpClientAuthenticationDisabled: null },
      errorText: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
    });
    expect(done.status).toBe("succeeded");
    expect(confirmed(done)).toContain("smtp-auth-disabled-tenant");
    expect(writes).toEqual(["InvokeCommand Set-CASMailbox"]);
  });

  it("security defaults with per-user MFA and the mailbox flag, in a tenant that allows tenant-wide changes: all three, in order, once a second person approves", async () => {
    const { done, writes } = await remediate(stack, { tenant: { securityDefaults: true }, mailbox: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" }, allowTenantWideChanges: true, secondPersonApproves: true });
    expect([done.status, done.policyDecision.verdict]).toEqual(["succeeded", "approved"]);
    expect(writes).toEqual(["PATCH /v1.0/policies/identitySecurityDefaultsEnforcementPolicy", "InvokeCommand Set-CASMailbox", "PATCH /beta/users/{id}/authentication/requirements"]);
  });

  it("a client refused because basic authentication is retired: the tenant is not weakened, OAuth is offered", async () => {
    const { done, writes } = await remediate(stack, {
      tenant: { securityDefaults: true },
      mailbox: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" },
      allowTenantWideChanges: true,
      errorText: "550 5.7.30 Basic authentication is not supported for Client Submission.",
    });
    expect(done.status).toBe("needs-attention");
    expect(done.attention.causes).toContain("basic-auth-retired");
    expect(JSON.stringify(done.attention)).toMatch(/OAuth/);
    expect(writes).toEqual([]);
  });
});
