import { AppError } from "../../shared/errors/app-error";
import { describe, expect, it } from "vitest";
import { readTenantSnapshot } from "../../shared/audit/read-tenant-snapshot";
import type { ExceptionRecord } from "../../shared/audit/exception-record";
import { isM365Error } from "../../shared/m365/m365-error";
import { APP_PERMISSIONS, FEATURES, featurePermissions } from "../../shared/m365/permission-manifest";
import type { AppPermission, Feature } from "../../shared/m365/permission-manifest";
import { readMailboxState } from "../../shared/m365/read-mailbox-state";
import { readTenantPrivilege, readUserPrivilege } from "../../shared/m365/read-privilege";
import type { TenantGateways } from "../../shared/m365/m365-gateway";
import { onboardTenant } from "../../shared/remediation/onboard-tenant";
import { readOAuthChecks } from "../../shared/remediation/read-oauth-app";
import { verifiedDomainsReader } from "../../shared/remediation/read-verified-domains";
import { STEPS } from "../../shared/steps";
import type { StepName } from "../../shared/domain/types";
import { hveAccountFor, type MigrationRequest } from "../../shared/domain/migration-plan";
import type { OnboardedTenant, TenantRegistry } from "../../shared/store/tenant-registry";
import { useContractSim, type ContractSim } from "./sim-harness";

/**
 * Each feature of the permission manifest, with each of its permissions taken away in turn: the
 * feature says which permission is missing, throws nothing but an M365Error, and changes nothing in
 * the tenant. Where Microsoft also accepts a higher permission the app holds for every call that
 * needs the removed one, the feature still works, as it would in a real tenant (COVERED).
 */
const contractSim = useContractSim();

/** (feature, permission) pairs the app's other permissions cover, by Microsoft's reference (dev/sim/graph/graph-routes.ts). */
const COVERED: Partial<Record<Feature, Partial<Record<AppPermission, string>>>> = {
  "disable-security-defaults": { "Policy.Read.All": "Policy.ReadWrite.SecurityDefaults also reads security defaults" },
  "disable-per-user-mfa": {
    "Policy.Read.All": "Policy.ReadWrite.AuthenticationMethod also reads per-user MFA",
    "User.Read.All": "GroupMember.Read.All also lists a user's transitive memberships",
    "RoleEligibilitySchedule.Read.Directory": "RoleManagement.Read.Directory also lists eligibilities",
  },
  "oauth-app": {
    "User.Read.All": "GroupMember.Read.All also lists a user's transitive memberships",
    "RoleEligibilitySchedule.Read.Directory": "RoleManagement.Read.Directory also lists eligibilities",
  },
  "enable-mailbox-smtp-auth": {
    "User.Read.All": "GroupMember.Read.All also lists a user's transitive memberships",
    "RoleEligibilitySchedule.Read.Directory": "RoleManagement.Read.Directory also lists eligibilities",
  },
  diagnosis: { "RoleEligibilitySchedule.Read.Directory": "RoleManagement.Read.Directory also lists eligibilities" },
  audit: { "RoleEligibilitySchedule.Read.Directory": "RoleManagement.Read.Directory also lists eligibilities" },
  readiness: { "RoleEligibilitySchedule.Read.Directory": "RoleManagement.Read.Directory also lists eligibilities" },
  "privilege-reads": {
    "User.Read.All": "GroupMember.Read.All also lists a user's transitive memberships",
    "RoleEligibilitySchedule.Read.Directory": "RoleManagement.Read.Directory also lists eligibilities",
  },
};

interface Fixture {
  sim: ContractSim;
  tenantId: string;
  domain: string;
  upn: string;
  userId: string;
  gw: TenantGateways;
}

/** Runs one feature and returns what it reported as failed (empty when it worked). */
type FeatureRun = (f: Fixture) => Promise<string[]>;

const NOW = new Date();

/** Reasons of every unknown layer in a result, Maps included. */
function unknownReasons(value: unknown): string[] {
  if (value instanceof Map) return [...value.values()].flatMap(unknownReasons);
  if (Array.isArray(value)) return value.flatMap(unknownReasons);
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  if (record.known === false && typeof record.reason === "string") return [record.reason];
  return Object.values(record).flatMap(unknownReasons);
}

/** A call's failure as its message; anything but an M365Error is a crash and fails the test. */
async function failureOf(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
    return [];
  } catch (e) {
    if (!isM365Error(e)) throw e;
    return [e.message];
  }
}

/** check → precondition → apply, as the worker runs a step; a refusal at the precondition is reported like a failure. */
function step(name: StepName): FeatureRun {
  return async ({ gw, upn, userId }) => {
    const target = { mailbox: upn, userId };
    const step = STEPS[name];
    const refusals: string[] = [];
    const failures = await failureOf(async () => {
      if (step.isRight(await step.read(gw, target))) throw new Error(`${name}: the fixture left nothing to do`);
      const refusal = await step.precondition?.(gw, target);
      if (refusal) refusals.push(refusal.reason);
      else await step.apply(gw, target);
    });
    return [...failures, ...refusals];
  };
}

/** A migration step as the worker runs it, on a request that asked for this migration. */
function migrationStep(name: StepName, migration: MigrationRequest): FeatureRun {
  return async ({ gw, upn, userId }) => {
    const target = { mailbox: upn, userId, migration };
    const def = STEPS[name];
    const context = { requestId: "contract", credentials: { canStore: true, put: async () => undefined }, now: () => NOW };
    const refusals: string[] = [];
    const failures = await failureOf(async () => {
      if (def.isRight(await def.read(gw, target))) throw new Error(`${name}: the fixture left nothing to do`);
      const refusal = await def.precondition?.(gw, target, context);
      if (refusal) refusals.push(refusal.reason);
      else await def.apply(gw, target, context);
    });
    return [...failures, ...refusals];
  };
}

const CONTRACT_APP = "0c0ffee0-1111-4222-8333-444455556666";

const memoryRegistry = (): TenantRegistry => ({ put: async (input: Omit<OnboardedTenant, "createdAt" | "updatedAt">) => ({ tenant: input, created: true }) }) as unknown as TenantRegistry;

const RUNS: Record<Feature, FeatureRun> = {
  onboarding: async ({ sim, tenantId, domain }) => {
    const read = verifiedDomainsReader(sim.factory());
    try {
      const { tenant } = await onboardTenant(tenantId, { domains: [domain] }, { registry: memoryRegistry(), readVerifiedDomains: read }, NOW);
      return tenant.verification?.status === "unreadable" ? [tenant.verification.reason] : [];
    } catch (e) {
      // A permission the consent lacks is the answer itself (409 CONSENT_INCOMPLETE naming it).
      if (e instanceof AppError && e.code === "CONSENT_INCOMPLETE") return [e.message];
      throw e;
    }
  },
  diagnosis: async ({ gw, upn }) => {
    const state = await readMailboxState(gw, upn);
    // An OAuth report with an app id: the oauth-app path's checks, whose failed reads say why in `detail`.
    const oauth = await readOAuthChecks(gw, state, CONTRACT_APP);
    return [
      ...unknownReasons(state),
      ...(await failureOf(() => gw.graph.listRecentSmtpSignInsOf!(upn, new Date(NOW.getTime() - 86_400_000).toISOString()))),
      ...oauth.filter((c) => c.status === "unknown").map((c) => c.detail),
    ];
  },
  "disable-security-defaults": step("disable-security-defaults"),
  "enable-mailbox-smtp-auth": step("enable-mailbox-smtp-auth"),
  "disable-per-user-mfa": step("disable-per-user-mfa"),
  audit: async ({ gw, tenantId, upn, userId }) => unknownReasons(await readTenantSnapshot(gw, { exceptions: [mfaException(tenantId, upn, userId)], now: NOW })),
  readiness: async ({ gw }) => {
    const snapshot = await readTenantSnapshot(gw, { exceptions: [], now: NOW });
    return unknownReasons({ signIns: snapshot.smtpSignIns, roles: snapshot.privilegedRoles });
  },
  verification: async ({ gw }) => {
    const since = new Date(NOW.getTime() - 86_400_000).toISOString();
    return [
      ...(await failureOf(() => gw.graph.listSmtpSignIns(since))),
      ...(await failureOf(() => gw.migration!.listMessagesFrom("203.0.113.7", since, NOW.toISOString()))),
    ];
  },
  "high-volume-email": async (f) => [
    ...(await migrationStep("create-hve-account", { path: "high-volume-email" })(f)),
    ...(await failureOf(() => f.gw.migration!.getHveBillingPolicyStatus(hveAccountFor(f.upn)))),
  ],
  "relay-connector": migrationStep("create-relay-connector", { path: "relay-connector", senderIp: "203.0.113.7" }),
  "oauth-app": async (f) => {
    await f.sim.control("PUT", `/_sim/tenants/${f.tenantId}/applications/${CONTRACT_APP}`, { secret: "contract-secret" });
    const migration: MigrationRequest = { path: "oauth-app", appId: CONTRACT_APP };
    const registered = await migrationStep("register-exchange-service-principal", migration)(f);
    if (registered.length > 0) return registered;
    const granted = await migrationStep("grant-app-mailbox-access", migration)(f);
    return granted.length > 0 ? granted : step("enable-mailbox-smtp-auth")(f);
  },
  // The fixture's mailbox has SMTP AUTH off already: read, and write the value it holds (Exchange changes nothing).
  "retire-basic-auth": async ({ gw, upn, userId }) => [
    ...(await failureOf(() => STEPS["retire-basic-auth"].read(gw, { mailbox: upn, userId }))),
    ...(await failureOf(() => gw.exchange.setCasMailboxSmtpAuthDisabled(upn, true))),
  ],
  "privilege-reads": async ({ gw, userId }) => [...unknownReasons((await readUserPrivilege(gw, userId)).privilege), ...unknownReasons(await readTenantPrivilege(gw))],
};

function mfaException(tenantId: string, upn: string, userId: string): ExceptionRecord {
  return {
    id: `perm-${upn}`, tenantId, subject: upn, userId, setting: "per-user-mfa", valueApplied: "disabled",
    requestId: `perm-${upn}`, grantedAt: new Date(NOW.getTime() - 86_400_000).toISOString(), expiresAt: new Date(NOW.getTime() + 86_400_000).toISOString(),
  };
}

/** A tenant where every step has work to do, whose app holds the manifest minus `removed`. */
async function fixture(sim: ContractSim, removed: AppPermission): Promise<Fixture> {
  const grantedPermissions = APP_PERMISSIONS.filter((p) => p !== removed);
  const { tenantId, domain } = await sim.createTenant({ securityDefaults: true, grantedPermissions });
  const upn = `scanner@${domain}`;
  const mailbox = await sim.control<{ id: string }>("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}`, { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" });
  // A group holding a role, with nobody in it: the audit reads such a group's members and eligible members.
  await sim.control("PUT", `/_sim/tenants/${tenantId}/groups/aaaaaaaa-1111-4000-a000-0000000000f1`, { displayName: "Empty admins", isAssignableToRole: true, roles: ["Global Administrator"] });
  return { sim, tenantId, domain, upn, userId: mailbox.id, gw: sim.gateways(tenantId) };
}

/** What a weakening could touch: the tenant's flags and the mailbox. */
async function tenantState(f: Fixture): Promise<unknown> {
  const [tenant, mailbox] = await Promise.all([
    f.sim.control<Record<string, unknown>>("GET", `/_sim/tenants/${f.tenantId}`),
    f.sim.control("GET", `/_sim/tenants/${f.tenantId}/mailboxes/${f.upn}`),
  ]);
  return { securityDefaults: tenant.securityDefaults, orgSmtpAuthDisabled: tenant.orgSmtpAuthDisabled, mailbox };
}

describe("every feature, without each of its permissions in turn", () => {
  for (const feature of Object.keys(FEATURES) as Feature[]) {
    describe(feature, () => {
      for (const permission of featurePermissions(feature)) {
        const covered = COVERED[feature]?.[permission];
        const title = covered ? `still works without ${permission}: ${covered}` : `names ${permission} when it is missing and changes nothing`;
        it(title, async () => {
          const f = await fixture(contractSim(), permission);
          const before = await tenantState(f);
          const failures = await RUNS[feature](f);
          if (covered) {
            expect(failures).toEqual([]);
            return;
          }
          expect(failures.length).toBeGreaterThan(0);
          expect(failures.join("\n")).toContain(permission);
          expect(await tenantState(f)).toEqual(before);
        });
      }
    });
  }

  it("has permissions to take away for every feature (a feature with none would test nothing here)", () => {
    for (const feature of Object.keys(FEATURES) as Feature[]) expect({ feature, count: featurePermissions(feature).length }).not.toEqual({ feature, count: 0 });
  });

  it("with the manifest's full consent, every feature works", async () => {
    for (const feature of Object.keys(FEATURES) as Feature[]) {
      const f = await fixture(contractSim(), "Directory.Read.All" as AppPermission);
      expect({ feature, failures: await RUNS[feature](f) }).toEqual({ feature, failures: [] });
    }
  });
});
