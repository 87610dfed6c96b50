import { readFileSync } from "node:fs";
import { requestJson } from "./http-json";
import type { OperatorSession } from "./operator-session";
import { startLocalStack, type LocalStack, type LocalStackOptions } from "./local-stack";

/** One mailbox of a demo tenant, in the simulator control API's terms. */
export interface DemoMailbox {
  upn: string;
  smtpClientAuthenticationDisabled: boolean | null;
  perUserMfaState: "disabled" | "enabled" | "enforced";
  roles?: string[];
  /** What this mailbox shows in the demo. */
  story: string;
}

export interface DemoTenant {
  tenantId: string;
  displayName: string;
  domain: string;
  securityDefaults: boolean;
  orgSmtpAuthDisabled: boolean;
  /** The tenant's standing policy, as PUT /api/tenants takes it. */
  policy: Record<string, unknown>;
  mailboxes: DemoMailbox[];
}

/**
 * The demo world: Contoso's and Fabrikam's standing policies name their scanners and printers as
 * device accounts, whose own settings are fixed on their own; security defaults (tenant-wide) always
 * wait for a second person (Contoso's full seed procedure). Northwind keeps the default policy (no
 * device accounts: nothing runs alone), so the same tool stops there and waits for a second person.
 */
export const DEMO_TENANTS: DemoTenant[] = [
  {
    tenantId: "contoso-demo",
    displayName: "Contoso (standing policy: its scanners are device accounts; tenant-wide changes may be approved)",
    domain: "contoso.example",
    securityDefaults: true,
    orgSmtpAuthDisabled: true,
    policy: { allowTenantWideChanges: true, autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], deviceAccounts: ["scanner*@contoso.example"] },
    mailboxes: [{ upn: "scanner@contoso.example", smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", story: "blocked by all three settings" }],
  },
  {
    tenantId: "fabrikam-demo",
    displayName: "Fabrikam (standing policy: its printers are device accounts)",
    domain: "fabrikam.example",
    securityDefaults: false,
    orgSmtpAuthDisabled: true,
    policy: { deviceAccounts: ["printer*@fabrikam.example"] },
    mailboxes: [
      { upn: "printer@fabrikam.example", smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", story: "only the mailbox flag is off" },
      { upn: "app@fabrikam.example", smtpClientAuthenticationDisabled: false, perUserMfaState: "disabled", story: "already works" },
      { upn: "admin@fabrikam.example", smtpClientAuthenticationDisabled: false, perUserMfaState: "enforced", roles: ["Global Administrator"], story: "a global admin with MFA enforced" },
    ],
  },
  {
    tenantId: "northwind-demo",
    displayName: "Northwind (safe default policy)",
    domain: "northwind.example",
    securityDefaults: true,
    orgSmtpAuthDisabled: true,
    policy: {},
    mailboxes: [{ upn: "copier@northwind.example", smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", story: "needs security defaults off, which this tenant's policy does not allow" }],
  },
];

/** Creates the demo tenants in the simulator; an existing tenant is left as it is unless `replace`. */
export async function seedSimulator(simBaseUrl: string, ca: string, options: { replace?: boolean } = {}): Promise<void> {
  for (const t of DEMO_TENANTS) {
    const existing = await requestJson(`${simBaseUrl}/_sim/tenants/${t.tenantId}`, { ca });
    if (existing.status === 200 && !options.replace) continue;
    await expectOk(requestJson(`${simBaseUrl}/_sim/tenants`, { ca, method: "POST", body: { tenantId: t.tenantId, domain: t.domain, mailboxes: 5, securityDefaults: t.securityDefaults, orgSmtpAuthDisabled: t.orgSmtpAuthDisabled } }));
    for (const m of t.mailboxes) {
      const { story, upn, ...fields } = m;
      void story;
      await expectOk(requestJson(`${simBaseUrl}/_sim/tenants/${t.tenantId}/mailboxes/${encodeURIComponent(upn)}`, { ca, method: "PUT", body: { ...fields, licensed: true, accountEnabled: true, password: "Demo-Pa55word!" } }));
    }
  }
}

/** Onboards the demo tenants with the product, through its own API, as an operator with Tenant.Manage. */
export async function onboardDemoTenants(operator: Pick<OperatorSession, "api">): Promise<void> {
  for (const t of DEMO_TENANTS) {
    await expectOk(operator.api(`/api/tenants/${t.tenantId}`, { method: "PUT", body: { displayName: t.displayName, domains: [t.domain], policy: t.policy } }));
  }
}

async function expectOk(pending: Promise<{ status: number; body: unknown }>): Promise<void> {
  const res = await pending;
  if (res.status >= 300) throw new Error(`Seeding failed with ${res.status}: ${JSON.stringify(res.body)}`);
}

/** A private stack (see local-stack.ts) with the demo tenants seeded in its simulator and onboarded. */
export async function startDemoStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const stack = await startLocalStack(options);
  try {
    await seedSimulator(stack.sim.baseUrl, readFileSync(stack.sim.caCertPath, "utf8"));
    await onboardDemoTenants(stack);
  } catch (e) {
    await stack.stop();
    throw e;
  }
  return stack;
}

/**
 * Audits every demo tenant once through `POST /api/tenants/{id}/audits`, as an operator with
 * Tenant.Manage would, and waits until each of those runs is the tenant's latest audit.
 */
export async function auditDemoTenants(operator: Pick<OperatorSession, "api">, timeoutMs = 60_000): Promise<void> {
  const queued = new Map<string, string>();
  for (const t of DEMO_TENANTS) {
    const res = await operator.api<{ runId: string }>(`/api/tenants/${t.tenantId}/audits`, { method: "POST", body: {} });
    if (res.status !== 202) throw new Error(`The audit of ${t.tenantId} was not queued (${res.status}): ${JSON.stringify(res.body)}`);
    queued.set(t.tenantId, res.body.runId);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const overview = await operator.api<{ tenants: Array<{ tenantId: string; latest: { runId: string } | null }> }>("/api/audits?latest=true");
    // Run ids sort as their time: a later nightly run counts as done too.
    const done = overview.body.tenants.filter((line) => line.latest && line.latest.runId >= (queued.get(line.tenantId) ?? "")).length;
    if (done >= queued.size) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the demo tenants' audits (${done} of ${queued.size} done).`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
